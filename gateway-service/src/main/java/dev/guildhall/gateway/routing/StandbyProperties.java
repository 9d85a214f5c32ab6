package dev.guildhall.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Standby instances (ADR 276): for a service of {@code guildhall.services}, the URL where a second instance runs while
 * the embedded launcher restarts the first ({@code GUILDHALL_MESSAGE_STANDBY_URL}, ...). Unset in compose and
 * Kubernetes, where a Service spreads requests over replicas.
 *
 * @param services     short service name ({@code message}) to the standby's base URL; blank entries are ignored
 * @param pollInterval how often the standby's readiness (and, while it is ready, the primary's) is asked
 * @param timeout      how long one readiness answer may take
 * @param slowStart    how long an instance that has just become ready takes to get its full share of the requests
 *                     (ADR 278); the launcher waits this long before it stops the other one
 */
@ConfigurationProperties("guildhall.standby")
public record StandbyProperties(Map<String, String> services,
                                @DefaultValue("500ms") Duration pollInterval,
                                @DefaultValue("400ms") Duration timeout,
                                @DefaultValue("15s") Duration slowStart) {

    public StandbyProperties {
        Map<String, String> set = new LinkedHashMap<>();
        if (services != null) {
            services.forEach((name, url) -> {
                if (url != null && !url.isBlank()) {
                    set.put(name, url.strip());
                }
            });
        }
        services = Map.copyOf(set);
    }

    public Map<String, URI> urls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach((name, url) -> urls.put(name, URI.create(url)));
        return urls;
    }
}
