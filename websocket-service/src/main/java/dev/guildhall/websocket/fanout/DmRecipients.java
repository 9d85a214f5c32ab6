package dev.guildhall.websocket.fanout;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Who is in a direct-message channel, asked of message-service once per channel and remembered
 * (the two participants of a DM never change). Failed lookups are not remembered.
 */
public final class DmRecipients {

    private final LongFunction<Mono<List<Long>>> source;
    private final Map<Long, Mono<Set<Long>>> cache;

    public DmRecipients(LongFunction<Mono<List<Long>>> source, int capacity) {
        this.source = source;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Mono<Set<Long>>> eldest) {
                return size() > capacity;
            }
        };
    }

    public Mono<Set<Long>> of(long channelId) {
        synchronized (cache) {
            return cache.computeIfAbsent(channelId, id -> source.apply(id)
                    .<Set<Long>>map(HashSet::new)
                    .doOnError(e -> forget(id))
                    .cache(v -> Duration.ofDays(365), e -> Duration.ZERO, () -> Duration.ZERO));
        }
    }

    private void forget(long channelId) {
        synchronized (cache) {
            cache.remove(channelId);
        }
    }
}
