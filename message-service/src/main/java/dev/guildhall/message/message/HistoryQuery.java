package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;

import java.util.Map;

/**
 * One page of a channel's history. Pages are cut by message id (time-ordered snowflakes) and
 * always come back newest first. {@code before} and {@code after} exclude the anchor;
 * {@code around} includes it, with up to {@link #olderCount()} messages at or before it and up to
 * {@link #newerCount()} after it.
 */
public record HistoryQuery(Direction direction, long anchor, int limit) {

    public enum Direction { LATEST, BEFORE, AFTER, AROUND }

    public HistoryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /**
     * @throws GuildhallException {@code VALIDATION_FAILED} for more than one anchor or a limit out of range,
     *                            {@code INVALID_ID} for an anchor that is no id
     */
    public static HistoryQuery of(String before, String after, String around, Integer limit,
                                  int defaultLimit, int maxLimit) {
        int anchors = (present(before) ? 1 : 0) + (present(after) ? 1 : 0) + (present(around) ? 1 : 0);
        if (anchors > 1) {
            throw invalid("before", "use only one of before, after and around");
        }
        int size = limit == null ? defaultLimit : limit;
        if (size < 1 || size > maxLimit) {
            throw invalid("limit", "must be between 1 and " + maxLimit);
        }
        if (present(before)) {
            return new HistoryQuery(Direction.BEFORE, Snowflake.parse(before), size);
        }
        if (present(after)) {
            return new HistoryQuery(Direction.AFTER, Snowflake.parse(after), size);
        }
        if (present(around)) {
            return new HistoryQuery(Direction.AROUND, Snowflake.parse(around), size);
        }
        return new HistoryQuery(Direction.LATEST, 0, size);
    }

    /** For {@code around}: how many messages newer than the anchor. */
    public int newerCount() {
        return direction == Direction.AROUND ? (limit - 1) / 2 : 0;
    }

    /** For {@code around}: how many messages at or before the anchor (the anchor included). */
    public int olderCount() {
        return direction == Direction.AROUND ? limit - newerCount() : 0;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static GuildhallException invalid(String field, String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid " + field + ": " + message,
                Map.of("errors", Map.of(field, message)));
    }
}
