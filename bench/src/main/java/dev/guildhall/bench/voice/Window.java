package dev.guildhall.bench.voice;

/** The measured window, in {@link System#nanoTime()}: packets count when their send instant lies inside. */
final class Window {

    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long nanos) {
        start = nanos;
    }

    void close(long nanos) {
        end = nanos;
    }

    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }

    double seconds() {
        return (end - start) / 1e9;
    }
}
