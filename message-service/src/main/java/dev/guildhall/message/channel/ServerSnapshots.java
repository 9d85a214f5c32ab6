package dev.guildhall.message.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.message.client.ServerServiceClient;
import dev.guildhall.message.client.ServerSnapshot;
import dev.guildhall.message.config.MessageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server snapshots from server-service, for questions about many channels at once (search).
 * Same freshness rules as {@link PermissionCache}: any server-event of the server drops it.
 */
@Component
public class ServerSnapshots {

    private final ServerServiceClient server;
    private final Cache<Long, ServerSnapshot> cache;
    private final AtomicLong invalidations = new AtomicLong();

    public ServerSnapshots(ServerServiceClient server, MessageProperties properties, MeterRegistry registry) {
        this.server = server;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.permissionCache().ttl())
                .maximumSize(1_000)
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "server-snapshots");
    }

    /** @return empty when server-service knows no such server */
    public Optional<ServerSnapshot> get(long serverId) {
        ServerSnapshot cached = cache.getIfPresent(serverId);
        if (cached != null) {
            return Optional.of(cached);
        }
        long epoch = invalidations.get();
        Optional<ServerSnapshot> fetched = server.snapshot(serverId);
        fetched.ifPresent(s -> {
            if (invalidations.get() == epoch) {
                cache.put(serverId, s);
            }
        });
        return fetched;
    }

    public void invalidate(long serverId) {
        invalidations.incrementAndGet();
        cache.invalidate(serverId);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        cache.invalidateAll();
    }
}
