package dev.guildhall.server.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The outbox relay (ADR 023).
 *
 * @param relayInterval how often each shard's relay looks for unsent rows; it is also woken after every commit
 * @param batchSize     rows published per round
 * @param retention     how long sent rows are kept before being purged
 * @param sendTimeout   how long a batch may wait for Kafka's acknowledgements
 */
@Validated
@ConfigurationProperties("guildhall.server.outbox")
public record OutboxProperties(@NotNull Duration relayInterval, @Min(1) @Max(5000) int batchSize,
                               @NotNull Duration retention, @NotNull Duration sendTimeout) {
}
