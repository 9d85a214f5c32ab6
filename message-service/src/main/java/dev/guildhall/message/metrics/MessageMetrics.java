package dev.guildhall.message.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * message-service's domain metrics, in one place. Request timings, pools, caches and Kafka
 * clients are measured by their own instrumentation.
 */
@Component
public class MessageMetrics {

    private final MeterRegistry registry;
    private final Counter sentServer;
    private final Counter sentDm;
    private final Counter edited;
    private final Counter deleted;
    private final Counter deduplicated;
    private final Counter rateLimited;
    private final Counter reactionsAdded;
    private final Counter reactionsRemoved;
    private final Counter typingEmitted;
    private final Counter typingThrottled;
    private final Counter outboxFailures;
    private final Timer delivery;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sentServer = Counter.builder("guildhall.messages.sent").tag("channel", "server")
                .description("Messages created").register(registry);
        this.sentDm = Counter.builder("guildhall.messages.sent").tag("channel", "dm")
                .description("Messages created").register(registry);
        this.edited = Counter.builder("guildhall.messages.edited").register(registry);
        this.deleted = Counter.builder("guildhall.messages.deleted").register(registry);
        this.deduplicated = Counter.builder("guildhall.messages.deduplicated")
                .description("Sends answered with the original message of the same nonce").register(registry);
        this.rateLimited = Counter.builder("guildhall.messages.rate_limited")
                .description("Sends refused with 429").register(registry);
        this.reactionsAdded = Counter.builder("guildhall.reactions.added").register(registry);
        this.reactionsRemoved = Counter.builder("guildhall.reactions.removed").register(registry);
        this.typingEmitted = Counter.builder("guildhall.typing.emitted").register(registry);
        this.typingThrottled = Counter.builder("guildhall.typing.throttled").register(registry);
        this.outboxFailures = Counter.builder("guildhall.outbox.failures")
                .description("Outbox rows Kafka did not acknowledge (they are retried)").register(registry);
        this.delivery = Timer.builder("guildhall.outbox.delivery")
                .description("From the commit of a change to Kafka's acknowledgement of its event")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(100))
                .register(registry);
    }

    public void messageSent(boolean dm) {
        (dm ? sentDm : sentServer).increment();
    }

    public void messageEdited() {
        edited.increment();
    }

    public void messageDeleted() {
        deleted.increment();
    }

    public void deduplicated() {
        deduplicated.increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void reactionAdded() {
        reactionsAdded.increment();
    }

    public void reactionRemoved() {
        reactionsRemoved.increment();
    }

    public void typing(boolean emitted) {
        (emitted ? typingEmitted : typingThrottled).increment();
    }

    public void published(String shard, int count) {
        registry.counter("guildhall.outbox.published", "shard", shard).increment(count);
    }

    public void publishFailed(int count) {
        outboxFailures.increment(count);
    }

    public void delivered(Duration sinceCommit) {
        delivery.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    /** A dependency was unavailable and the feature degraded (rate limit open, no de-duplication...). */
    public void degraded(String dependency, String feature) {
        registry.counter("guildhall.degraded", "dependency", dependency, "feature", feature).increment();
    }

    public void outboxBacklog(String shard, Supplier<Number> unsent) {
        Gauge.builder("guildhall.outbox.backlog", unsent).tag("shard", shard)
                .description("Outbox rows not yet published").register(registry);
    }

    /** Content deletion removed rows and store objects of a deleted message, channel or server (ADR 198). */
    public void purged(String scope, long rows, long objects) {
        if (rows > 0) {
            Counter.builder("guildhall.purge.rows").tag("scope", scope)
                    .description("Rows removed by content deletion").register(registry).increment(rows);
        }
        if (objects > 0) {
            Counter.builder("guildhall.purge.objects").tag("scope", scope)
                    .description("Store objects removed by content deletion").register(registry).increment(objects);
        }
    }

    /** A content-deletion job finished. */
    public void purgeFinished(String scope) {
        registry.counter("guildhall.purge.jobs", "scope", scope).increment();
    }
}
