package dev.guildhall.support.observation;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What every request pays for being observed (issue 12, ADR 267). Spring Security wraps each filter of its chain,
 * the authentication and the authorization in Micrometer observations of their own (three to five per request, each a
 * Brave span and timers nobody reads: no dashboard, alert or test looks at {@code spring.security.*}); here it is told
 * to observe nothing. The request's own observation ({@code http.server.requests}, its span and the W3C
 * {@code traceparent} in and out, ADR 172) wraps the security chain and stays, so every log line keeps its trace id.
 * {@code guildhall.observability.security-observations=true} (or a service's own {@link SecurityObservationSettings})
 * brings the security spans back, e.g. to debug a filter chain.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class ObservationCostConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "guildhall.observability.security-observations", havingValue = "false",
            matchIfMissing = true)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
