package dev.guildhall.common.id;

import java.time.Instant;

/**
 * 64-bit time-ordered ids: 42 bits of milliseconds since {@link #EPOCH}, 10 bits of worker id,
 * 12 bits of sequence. Serialized as decimal strings in JSON.
 */
public final class Snowflake {

    /** 2015-01-01T00:00:00Z, in epoch milliseconds. */
    public static final long EPOCH = 1_420_070_400_000L;
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final long MAX_WORKER = (1L << WORKER_BITS) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private Snowflake() {
    }

    public static long compose(long epochMillis, long worker, long sequence) {
        if (worker < 0 || worker > MAX_WORKER) {
            throw new IllegalArgumentException("worker id out of range: " + worker);
        }
        if (sequence < 0 || sequence > SEQUENCE_MASK) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        long millis = epochMillis - EPOCH;
        if (millis < 0 || millis >= (1L << 42)) {
            throw new IllegalArgumentException("time out of range: " + epochMillis);
        }
        return (millis << (WORKER_BITS + SEQUENCE_BITS)) | (worker << SEQUENCE_BITS) | sequence;
    }

    public static Instant timestamp(long id) {
        return Instant.ofEpochMilli((id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH);
    }

    public static long worker(long id) {
        return (id >>> SEQUENCE_BITS) & MAX_WORKER;
    }

    public static long sequence(long id) {
        return id & SEQUENCE_MASK;
    }

    /** The smallest id that could have been made at the given instant; for time-based paging. */
    public static long firstIdAt(Instant instant) {
        return compose(instant.toEpochMilli(), 0, 0);
    }

    /** Parses a decimal id string; throws {@link InvalidIdException} for anything that is not one. */
    public static long parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 20) {
            throw new InvalidIdException(value);
        }
        try {
            long id = Long.parseLong(value);
            if (id <= 0) {
                throw new InvalidIdException(value);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidIdException(value);
        }
    }

    public static String format(long id) {
        return Long.toString(id);
    }
}
