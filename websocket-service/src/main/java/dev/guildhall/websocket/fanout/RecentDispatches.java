package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.protocol.DispatchFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What this node dispatched in the last few seconds, with its audience. When a session moves
 * here by RESUME, its journal (written by the previous node) ends where that node stopped; events
 * this node had already fanned out by then, or that the previous node never saw (it died, or it
 * lags behind this one), are found here and delivered after the replay (ADR 072).
 */
public final class RecentDispatches {

    public record Entry(DispatchFrame frame, Audience audience, long at) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final long retentionMillis;
    private final int max;
    private final LongSupplier clock;
    private final long startedAt;
    /** When the newest entry dropped for the size cap was added: the ring is complete only after it. */
    private long droppedUpTo = Long.MIN_VALUE;

    public RecentDispatches(long retentionMillis, int max, LongSupplier clock) {
        this.retentionMillis = retentionMillis;
        this.max = max;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    public synchronized void add(DispatchFrame frame, Audience audience) {
        long now = clock.getAsLong();
        entries.addLast(new Entry(frame, audience, now));
        while (entries.size() > max || (!entries.isEmpty() && now - entries.peekFirst().at() > retentionMillis)) {
            Entry dropped = entries.removeFirst();
            if (entries.size() >= max) {
                droppedUpTo = Math.max(droppedUpTo, dropped.at());
            }
        }
    }

    /** Whether every dispatch since {@code sinceMillis} is still here (nothing aged or pushed out). */
    public synchronized boolean covers(long sinceMillis) {
        long now = clock.getAsLong();
        return sinceMillis >= startedAt && now - sinceMillis <= retentionMillis && sinceMillis > droppedUpTo;
    }

    /** Entries added at or after {@code sinceMillis}, oldest first. */
    public synchronized List<Entry> since(long sinceMillis) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.at() >= sinceMillis) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }
}
