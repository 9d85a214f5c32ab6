package dev.guildhall.support.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * How this service calls others.
 *
 * @param standbys {@code GUILDHALL_STANDBY_URLS}: {@code primary=standby} pairs of base URLs, comma-separated — where
 *                 the embedded launcher runs a second instance of a service while it restarts the first (ADR 276);
 *                 a call the first refuses to connect goes there (ADR 279). Empty in compose and Kubernetes.
 */
@ConfigurationProperties("guildhall.client")
public record ClientProperties(List<String> standbys) {

    public ClientProperties {
        standbys = standbys != null ? List.copyOf(standbys) : List.of();
    }
}
