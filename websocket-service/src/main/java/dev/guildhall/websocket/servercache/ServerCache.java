package dev.guildhall.websocket.servercache;

import dev.guildhall.common.event.EventTypes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;

/**
 * The node's per-server permission cache: a snapshot from server-service when the first local
 * session needs a server, kept fresh by applying {@code server-events}, dropped when no local
 * session has needed it for a while.
 *
 * <p>Events that arrive while a snapshot is in flight are held and applied on top of it once it
 * lands (and also applied to the previous state during a refresh), so the snapshot's fetch
 * window loses nothing. Applying is "replace with the whole new object", so an event already
 * contained in the snapshot does no harm when applied again.
 */
public final class ServerCache {

    private final SnapshotSource source;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Long, ServerState> servers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Loading> loading = new ConcurrentHashMap<>();
    /** Since when each server has been cached without interruption (refreshes do not reset it). */
    private final ConcurrentHashMap<Long, Long> cachedSince = new ConcurrentHashMap<>();

    private static final class Loading {
        final List<Event> pending = new ArrayList<>();
        boolean done;
        Mono<ServerState> mono;
    }

    private record Event(String type, JsonNode data) {
    }

    public ServerCache(SnapshotSource source, LongSupplier clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The cached state, or null. */
    public ServerState get(long serverId) {
        return servers.get(serverId);
    }

    /** The cached state, or one loaded from server-service (one request per server at a time). */
    public Mono<ServerState> load(long serverId) {
        ServerState cached = servers.get(serverId);
        if (cached != null) {
            cached.touch(clock.getAsLong());
            return Mono.just(cached);
        }
        return fetch(serverId);
    }

    /** Reloads a cached server in the background (safety net against drift). */
    public Mono<ServerState> refresh(long serverId) {
        return fetch(serverId);
    }

    private Mono<ServerState> fetch(long serverId) {
        Loading entry = loading.computeIfAbsent(serverId, id -> {
            Loading l = new Loading();
            l.mono = source.snapshot(id)
                    .map(json -> install(id, l, SnapshotParser.parse(id, json)))
                    .doFinally(signal -> loading.remove(id, l))
                    .cache();
            return l;
        });
        return entry.mono;
    }

    private ServerState install(long serverId, Loading entry, ServerState state) {
        synchronized (entry) {
            for (Event e : entry.pending) {
                applyTo(state, e.type(), e.data());
            }
            state.loadedAt(clock.getAsLong());
            servers.put(serverId, state);
            cachedSince.putIfAbsent(serverId, clock.getAsLong());
            entry.done = true;
        }
        return state;
    }

    /**
     * Applies a {@code server-events} event.
     *
     * @return the state it applied to, or null when this node does not cache the server
     */
    public ServerState apply(long serverId, String type, JsonNode data) {
        Loading entry = loading.get(serverId);
        if (entry != null) {
            synchronized (entry) {
                if (!entry.done) {
                    entry.pending.add(new Event(type, data));
                }
            }
        }
        ServerState state = servers.get(serverId);
        if (state != null) {
            applyTo(state, type, data);
        }
        return state;
    }

    private void applyTo(ServerState state, String type, JsonNode data) {
        if (EventTypes.SERVER_DELETE.equals(type)) {
            return;
        }
        ServerEventApplier.apply(state, type, data);
    }

    public void evict(long serverId) {
        servers.remove(serverId);
        cachedSince.remove(serverId);
    }

    /**
     * Since when this node has held the server, so fan-out has seen all its events since then;
     * {@code Long.MAX_VALUE} if it does not hold it.
     */
    public long cachedSince(long serverId) {
        return cachedSince.getOrDefault(serverId, Long.MAX_VALUE);
    }

    /** Drops servers no local session needs that have not been used for {@code idleMillis}. */
    public int evictUnused(LongPredicate inUse, long idleMillis) {
        long now = clock.getAsLong();
        int evicted = 0;
        for (ServerState state : servers.values()) {
            if (!inUse.test(state.serverId()) && now - state.lastUsed() > idleMillis) {
                if (servers.remove(state.serverId(), state)) {
                    cachedSince.remove(state.serverId());
                }
                evicted++;
            }
        }
        return evicted;
    }

    /** Cached servers in which the user is a member (presence fan-out, degraded READY). */
    public List<ServerState> serversOf(long userId) {
        List<ServerState> out = new ArrayList<>();
        for (ServerState state : servers.values()) {
            if (state.isMember(userId)) {
                out.add(state);
            }
        }
        return out;
    }

    public Collection<ServerState> all() {
        return servers.values();
    }

    public int size() {
        return servers.size();
    }
}
