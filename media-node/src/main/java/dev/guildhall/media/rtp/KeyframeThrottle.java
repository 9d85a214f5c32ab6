package dev.guildhall.media.rtp;

/**
 * Lets at most one keyframe request through per interval per source: when ten receivers lose the
 * same frame, the sender hears one PLI, not ten (jitsi-videobridge's KeyframeRequester does the same).
 */
public final class KeyframeThrottle {

    private final long intervalNanos;
    private long last = Long.MIN_VALUE;

    public KeyframeThrottle(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public synchronized boolean tryAcquire(long nowNanos) {
        if (last != Long.MIN_VALUE && nowNanos - last < intervalNanos) {
            return false;
        }
        last = nowNanos;
        return true;
    }
}
