package dev.guildhall.gateway.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Anonymous {@code /actuator/health} is exactly {@code {"status": ...}} (issue 14; ADR 145). Spring Boot lists the
 * names of the health groups ({@code "groups": ["liveness", "readiness"]}) beside the root status for every caller,
 * whatever {@code show-components} says, and no setting turns that off; here a caller who may not see the
 * components (everyone but the operator, {@code management.endpoint.health.show-components: when-authorized}) does not
 * see the group names either. The HTTP status (200 UP, 503 DOWN), the groups themselves and what the operator sees are
 * Boot's, unchanged. Takes the place of Boot's own extension, which steps aside when one is declared.
 */
@Configuration(proxyBeanMethods = false)
public class StatusOnlyHealthConfig {

    @Bean
    ReactiveHealthEndpointWebExtension reactiveHealthEndpointWebExtension(ReactiveHealthContributorRegistry reactive,
            ObjectProvider<HealthContributorRegistry> blocking, HealthEndpointGroups groups,
            HealthEndpointProperties properties) {
        return new StatusOnlyHealthEndpointWebExtension(reactive, blocking.getIfAvailable(), groups,
                properties.getLogging().getSlowIndicatorThreshold());
    }

    @EndpointWebExtension(endpoint = HealthEndpoint.class)
    static class StatusOnlyHealthEndpointWebExtension extends ReactiveHealthEndpointWebExtension {

        StatusOnlyHealthEndpointWebExtension(ReactiveHealthContributorRegistry reactive,
                                             HealthContributorRegistry blocking, HealthEndpointGroups groups,
                                             Duration slowIndicatorThreshold) {
            super(reactive, blocking, groups, slowIndicatorThreshold);
        }

        /** The root's group names go with its components: shown to whoever sees those, to nobody else. */
        @Override
        protected Mono<? extends HealthDescriptor> aggregateDescriptors(ApiVersion apiVersion,
                Map<String, Mono<? extends HealthDescriptor>> contributions, StatusAggregator statusAggregator,
                boolean showComponents, Set<String> groupNames) {
            return super.aggregateDescriptors(apiVersion, contributions, statusAggregator, showComponents,
                    showComponents ? groupNames : null);
        }
    }
}
