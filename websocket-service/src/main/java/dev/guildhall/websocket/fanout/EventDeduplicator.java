package dev.guildhall.websocket.fanout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} event ids (LRU). Delivery is at least once, so the same
 * event may come twice (producer retry, consumer re-poll); only the first passes.
 */
public final class EventDeduplicator {

    private final Map<String, Boolean> seen;

    public EventDeduplicator(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time an id is seen; events without an id always pass. */
    public synchronized boolean firstTime(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            return true;
        }
        return seen.put(eventId, Boolean.TRUE) == null;
    }

    public synchronized int size() {
        return seen.size();
    }
}
