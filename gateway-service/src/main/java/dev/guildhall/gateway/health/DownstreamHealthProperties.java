package dev.guildhall.gateway.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param timeout how long each downstream's {@code /actuator/health} may take before it counts as DOWN */
@ConfigurationProperties("guildhall.gateway.health")
public record DownstreamHealthProperties(@DefaultValue("1s") Duration timeout) {
}
