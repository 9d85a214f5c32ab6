package dev.guildhall.message.channel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.message.client.ChannelPermissions;
import dev.guildhall.message.client.ServerServiceClient;
import dev.guildhall.message.config.MessageProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * server-service's permission answers, kept a few seconds (ADR 063). Any server-event of a server
 * drops that server's entries at once; the TTL only bounds what a lost event could leave behind.
 * An answer fetched while an invalidation happened is used once but not cached.
 */
@Component
public class PermissionCache {

    private final ServerServiceClient server;
    private final Cache<Key, ChannelPermissions> cache;
    private final AtomicLong invalidations = new AtomicLong();

    public PermissionCache(ServerServiceClient server, MessageProperties properties, MeterRegistry registry) {
        this.server = server;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.permissionCache().ttl())
                .maximumSize(properties.permissionCache().maxSize())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "channel-permissions");
    }

    /** @return empty when server-service knows no such channel */
    public Optional<ChannelPermissions> get(long userId, long channelId) {
        Key key = new Key(userId, channelId);
        ChannelPermissions cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long epoch = invalidations.get();
        Optional<ChannelPermissions> fetched = server.permissions(userId, channelId);
        fetched.ifPresent(p -> {
            if (invalidations.get() == epoch) {
                cache.put(key, p);
            }
        });
        return fetched;
    }

    public void invalidateServer(long serverId) {
        invalidations.incrementAndGet();
        cache.asMap().values().removeIf(p -> p.serverId() == serverId);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        cache.invalidateAll();
    }

    private record Key(long userId, long channelId) {
    }
}
