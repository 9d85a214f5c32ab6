package dev.guildhall.media.conference;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The conferences on this node (memory only), and the node's periodic RTCP and speaker work. */
public final class ConferenceRegistry implements AutoCloseable {

    private final MediaEngine engine;
    private final Map<String, Conference> conferences = new ConcurrentHashMap<>();
    private final NodeCounters counters = new NodeCounters();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "media-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean draining;

    public ConferenceRegistry(MediaEngine engine) {
        this.engine = engine;
        timer.scheduleAtFixedRate(() -> safely(() -> conferences.values().forEach(Conference::sendReports)),
                1, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> safely(() -> conferences.values().forEach(Conference::tickSpeakers)),
                250, 250, TimeUnit.MILLISECONDS);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ConferenceRegistry.class).warn("periodic media work failed", e);
        }
    }

    public Optional<Conference> find(String id) {
        return Optional.ofNullable(conferences.get(id));
    }

    public Collection<Conference> all() {
        return List.copyOf(conferences.values());
    }

    /** Creates the conference; a draining node refuses new ones. */
    public Conference create(String id, String channelId, String serverId) {
        Conference existing = conferences.get(id);
        if (existing != null) {
            return existing;
        }
        if (draining) {
            throw new DrainingException();
        }
        return conferences.computeIfAbsent(id, c -> new Conference(id, channelId, serverId, engine, counters));
    }

    public boolean expire(String id) {
        Conference conference = conferences.remove(id);
        if (conference == null) {
            return false;
        }
        conference.expireAll();
        return true;
    }

    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public int endpointCount() {
        return conferences.values().stream().mapToInt(c -> c.endpoints().size()).sum();
    }

    /** Packets received since the last call (the load reporter turns this into packets/s). */
    public long takePacketCount() {
        return counters.takeReceivedWindow();
    }

    public NodeCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        conferences.keySet().forEach(this::expire);
    }

    /** The node is draining and takes no new conferences. */
    public static final class DrainingException extends RuntimeException {
        public DrainingException() {
            super("media node is draining");
        }
    }
}
