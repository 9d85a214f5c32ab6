package dev.guildhall.gateway.routing;

import java.net.URI;
import java.time.Duration;

/**
 * A service's primary and standby as the gateway last saw them (ADR 276, 278): whether each is ready and since when,
 * and from that which one a request goes to. An instance that is not ready gets no request. While both are ready
 * each has a weight — full, or, in its first {@code slowStart} after it became ready, growing in a straight line from
 * {@link #FIRST_WEIGHT} — and a request goes to the standby with probability {@code standby / (primary + standby)}.
 * So the standby, started cold, takes a growing part of the traffic before the primary stops; the primary, started
 * again, takes a growing part back before the standby stops (the launcher waits {@code slowStart} at both steps).
 * A primary that has been serving alone counts as warm: its weight is full.
 */
final class StandbyPair {

    /** The weight of an instance that became ready this instant: a little traffic at once, to start warming it. */
    static final double FIRST_WEIGHT = 0.05;

    private static final long NOT_READY = Long.MIN_VALUE;
    private static final long WARM = Long.MAX_VALUE;

    private final String service;
    private final URI primary;
    private final URI standby;
    private final long slowStartNanos;
    private volatile long primaryReadySince = WARM;
    private volatile long standbyReadySince = NOT_READY;

    StandbyPair(String service, URI primary, URI standby, Duration slowStart) {
        this.service = service;
        this.primary = primary;
        this.standby = standby;
        this.slowStartNanos = slowStart.toNanos();
    }

    String service() {
        return service;
    }

    URI primary() {
        return primary;
    }

    URI standby() {
        return standby;
    }

    /** Whether a request at {@code now} goes to the standby; {@code random} is uniform in [0, 1). */
    boolean choosesStandby(long now, double random) {
        long standbySince = standbyReadySince;
        if (standbySince == NOT_READY) {
            return false;
        }
        long primarySince = primaryReadySince;
        if (primarySince == NOT_READY) {
            return true;
        }
        double s = weight(now, standbySince);
        double p = weight(now, primarySince);
        return random * (s + p) < s;
    }

    private double weight(long now, long readySince) {
        if (readySince == WARM || slowStartNanos <= 0) {
            return 1;
        }
        double grown = (double) (now - readySince) / slowStartNanos;
        return Math.max(FIRST_WEIGHT, Math.min(1, grown));
    }

    /**
     * What a readiness poll at {@code now} saw (the primary is asked only while the standby is ready; otherwise it
     * gets every request anyway and counts as warm). Returns a line for the log when the routing changed, else null.
     */
    synchronized String observe(long now, boolean standbyReady, boolean primaryReady) {
        String change = null;
        if (!standbyReady) {
            if (standbyReadySince != NOT_READY) {
                change = "the standby is not ready: requests go to the primary (" + primary + ")";
            }
            standbyReadySince = NOT_READY;
            primaryReadySince = WARM;
            return change;
        }
        if (standbyReadySince == NOT_READY) {
            standbyReadySince = now;
            change = "the standby (" + standby + ") is ready: it gets a share of the requests, growing over "
                    + Duration.ofNanos(slowStartNanos).toMillis() + " ms";
        }
        if (!primaryReady && primaryReadySince != NOT_READY) {
            primaryReadySince = NOT_READY;
            change = "the primary is not ready: requests go to the standby (" + standby + ")";
        } else if (primaryReady && primaryReadySince == NOT_READY) {
            primaryReadySince = now;
            change = "the primary (" + primary + ") is ready again: it gets a share of the requests, growing over "
                    + Duration.ofNanos(slowStartNanos).toMillis() + " ms";
        }
        return change;
    }
}
