package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.session.GatewaySession;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What this node dispatched in the last few seconds, with its audience. When a session moves
 * here by RESUME, its journal (written by the previous node) ends where that node stopped; events
 * this node had already fanned out by then, or that the previous node never saw (it died, or it
 * lags behind this one), are found here and delivered after the replay (ADR 072).
 */
public final class RecentDispatches {

    /**
     * {@code view}: the frame a given session of the audience gets, or null when its intents exclude the
     * event — the same choice the live fan-out made (a bot without MESSAGE_CONTENT gets the content-less copy),
     * so a resume cannot deliver more than the live connection would have.
     */
    public record Entry(DispatchFrame frame, Audience audience, long at, Function<GatewaySession, DispatchFrame> view) {

        /** What {@code session} may receive of this entry, or null. */
        public DispatchFrame frameFor(GatewaySession session) {
            return audience.includes(session) ? view.apply(session) : null;
        }
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

    /** A frame every session of the audience receives as it is. */
    public void add(DispatchFrame frame, Audience audience) {
        add(frame, audience, session -> frame);
    }

    public synchronized void add(DispatchFrame frame, Audience audience, Function<GatewaySession, DispatchFrame> view) {
        long now = clock.getAsLong();
        entries.addLast(new Entry(frame, audience, now, view));
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
