package dev.guildhall.gateway.media;

import dev.guildhall.common.media.MediaNodeReport;
import dev.guildhall.common.media.MediaRedisKeys;
import dev.guildhall.support.redis.RedisUnavailableException;
import dev.guildhall.support.redis.SharedRedis;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a media node's signalling WebSocket is, from the node's own load report in Redis
 * ({@link MediaNodeReport} under {@code media:node:<id>}, written every few seconds, gone when the node dies): its {@code control_url}'s
 * host and port with the {@code /signal} path. Answers are kept a few seconds, so a burst of joins costs one
 * Redis read, on the gateway's one Redis connection, without ever waiting for it on an event loop.
 */
@Component
public class MediaNodeDirectory {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Duration CACHE = Duration.ofSeconds(3);

    private final SharedRedis redis;
    private final JsonMapper json;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<URI> uri, long expiresAt) {
    }

    public MediaNodeDirectory(SharedRedis redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** The node's signalling URI ({@code ws://host:port/signal}), empty for an unknown or dead node. */
    public Mono<Optional<URI>> signalUri(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            return Mono.just(Optional.empty());
        }
        long now = System.nanoTime();
        Cached cached = cache.get(nodeId);
        if (cached != null && cached.expiresAt() - now > 0) {
            return Mono.just(cached.uri());
        }
        return Mono.defer(() -> redis.ifConnected()
                        .map(c -> Mono.fromCompletionStage(c.async().get(MediaRedisKeys.node(nodeId))))
                        .orElseGet(() -> Mono.error(new RedisUnavailableException("Redis not connected"))))
                .map(report -> signalUriOf(report))
                .defaultIfEmpty(Optional.empty())
                .doOnNext(uri -> cache.put(nodeId, new Cached(uri, now + CACHE.toNanos())));
    }

    Optional<URI> signalUriOf(String report) {
        try {
            String control = json.readValue(report, MediaNodeReport.class).controlUrl();
            if (control == null || control.isEmpty()) {
                return Optional.empty();
            }
            URI base = URI.create(control);
            String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
            return Optional.of(new URI(scheme, null, base.getHost(), base.getPort(), "/signal", null, null));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
