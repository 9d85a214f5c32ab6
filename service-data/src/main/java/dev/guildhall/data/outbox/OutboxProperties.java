package dev.guildhall.data.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The outbox relay, the same for every outbox of a service (ADR 122). Every value has a default.
 *
 * @param relayEnabled false = rows are written but not published (tests, maintenance)
 * @param batchSize    rows published per round
 * @param busyInterval pause after a round that published rows, not cut short by commits: under load, the commits of
 *                     this interval are published together in the next round (ADR 240); an idle relay is woken
 *                     by a commit at once
 * @param idleInterval pause when nothing was found: how soon rows written by another instance are seen
 * @param sendTimeout  longest wait for Kafka to acknowledge a batch
 * @param maxBackoff   the back-off after failed batches doubles up to this
 * @param retention    sent rows are kept this long for diagnosis, then purged
 */
@Validated
@ConfigurationProperties("guildhall.outbox")
public record OutboxProperties(
        Boolean relayEnabled,
        @Min(1) @Max(5000) int batchSize,
        Duration busyInterval,
        Duration idleInterval,
        Duration sendTimeout,
        Duration maxBackoff,
        Duration retention) {

    public OutboxProperties {
        relayEnabled = relayEnabled == null || relayEnabled;
        batchSize = batchSize <= 0 ? 200 : batchSize;
        busyInterval = busyInterval == null ? Duration.ofMillis(10) : busyInterval;
        idleInterval = idleInterval == null ? Duration.ofMillis(100) : idleInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        retention = retention == null ? Duration.ofDays(1) : retention;
    }

    public boolean enabled() {
        return relayEnabled;
    }
}
