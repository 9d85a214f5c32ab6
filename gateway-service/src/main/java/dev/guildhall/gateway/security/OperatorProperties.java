package dev.guildhall.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator credential of the edge (ADR 145).
 *
 * @param token bearer token that opens {@code /actuator/prometheus} and health details through the gateway
 *              ({@code GUILDHALL_OPERATOR_TOKEN}); blank (the default) = nobody, so metrics are not served at the edge
 */
@ConfigurationProperties("guildhall.gateway.operator")
public record OperatorProperties(String token) {

    public boolean enabled() {
        return token != null && !token.isBlank();
    }
}
