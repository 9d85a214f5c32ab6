package dev.guildhall.websocket.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Channel events for a channel this node does not know yet. Topics are not ordered with each
 * other, so a MESSAGE_CREATE can overtake the CHANNEL_CREATE of its channel; without the
 * channel's overwrites nobody can be proven allowed to see it, so the event waits here until the
 * channel arrives (or a snapshot refresh brings it), and is dropped after a short deadline.
 */
public final class ParkedEvents {

    private record Parked(long serverId, InboundEvent event, long deadline) {
    }

    private final Map<Long, List<Parked>> byChannel = new HashMap<>();
    private final int max;
    private final long waitMillis;
    private int count;

    public ParkedEvents(int max, long waitMillis) {
        this.max = max;
        this.waitMillis = waitMillis;
    }

    /** @return false when full (the event is dropped) */
    public synchronized boolean park(InboundEvent event, long now) {
        if (count >= max) {
            return false;
        }
        byChannel.computeIfAbsent(event.channelId(), k -> new ArrayList<>())
                .add(new Parked(event.serverId(), event, now + waitMillis));
        count++;
        return true;
    }

    public synchronized List<InboundEvent> release(long channelId) {
        List<Parked> parked = byChannel.remove(channelId);
        if (parked == null) {
            return List.of();
        }
        count -= parked.size();
        return parked.stream().map(Parked::event).toList();
    }

    public synchronized List<InboundEvent> releaseServer(long serverId) {
        List<InboundEvent> out = new ArrayList<>();
        Iterator<Map.Entry<Long, List<Parked>>> it = byChannel.entrySet().iterator();
        while (it.hasNext()) {
            List<Parked> list = it.next().getValue();
            if (!list.isEmpty() && list.get(0).serverId() == serverId) {
                list.forEach(p -> out.add(p.event()));
                count -= list.size();
                it.remove();
            }
        }
        return out;
    }

    /** Drops what waited too long; returns how many. */
    public synchronized int expire(long now) {
        int dropped = 0;
        Iterator<Map.Entry<Long, List<Parked>>> it = byChannel.entrySet().iterator();
        while (it.hasNext()) {
            List<Parked> list = it.next().getValue();
            int before = list.size();
            list.removeIf(p -> p.deadline() < now);
            dropped += before - list.size();
            if (list.isEmpty()) {
                it.remove();
            }
        }
        count -= dropped;
        return dropped;
    }

    public synchronized int size() {
        return count;
    }
}
