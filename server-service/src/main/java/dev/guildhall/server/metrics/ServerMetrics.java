package dev.guildhall.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * server-service's domain metrics, all in one place (request timings, pools, Kafka clients and
 * the snapshot cache come from their own instrumentation).
 */
@Component
public class ServerMetrics {

    private final MeterRegistry registry;
    private final Counter serversCreated;
    private final Counter serversDeleted;
    private final Counter membersJoined;
    private final Counter invitesCreated;

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.serversCreated = Counter.builder("guildhall.server.servers.created").register(registry);
        this.serversDeleted = Counter.builder("guildhall.server.servers.deleted").register(registry);
        this.membersJoined = Counter.builder("guildhall.server.members.joined")
                .description("members added through invites").register(registry);
        this.invitesCreated = Counter.builder("guildhall.server.invites.created").register(registry);
    }

    public void serverCreated() {
        serversCreated.increment();
    }

    public void serverDeleted() {
        serversDeleted.increment();
    }

    public void memberJoined() {
        membersJoined.increment();
    }

    /** @param reason leave, kick or ban */
    public void memberRemoved(String reason) {
        registry.counter("guildhall.server.members.removed", "reason", reason).increment();
    }

    public void inviteCreated() {
        invitesCreated.increment();
    }

    /** @param outcome joined, already_member, expired, exhausted, banned */
    public void inviteUse(String outcome) {
        registry.counter("guildhall.server.invites.uses", "outcome", outcome).increment();
    }

    public void outboxPublished(String shard, int count) {
        if (count > 0) {
            registry.counter("guildhall.server.outbox.published", "shard", shard).increment(count);
        }
    }

    public void outboxFailure(String where) {
        registry.counter("guildhall.server.outbox.failures", "where", where).increment();
    }

    /** Rows not yet published, per shard: grows while Kafka is unreachable. */
    public void outboxPending(String shard, Supplier<Long> unsent) {
        Gauge.builder("guildhall.server.outbox.pending", () -> {
            try {
                return unsent.get();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).tag("shard", shard).register(registry);
    }

    /** @param source local (read model), auth (fallback call), unknown (neither knew the user) */
    public void userLookup(String source, int count) {
        if (count > 0) {
            registry.counter("guildhall.server.user_lookups", "source", source).increment(count);
        }
    }

    /** @param type the event type applied to the local user read model */
    public void userEventApplied(String type) {
        registry.counter("guildhall.server.user_events", "type", type).increment();
    }
}
