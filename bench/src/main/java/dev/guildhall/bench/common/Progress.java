package dev.guildhall.bench.common;

import java.util.Locale;

/** Progress lines on stderr with the seconds since the bench started, so stdout is only the report. */
public final class Progress {

    private final long start = System.nanoTime();

    public void say(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
