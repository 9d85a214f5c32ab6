package dev.guildhall.message.attachment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one sweep of uploads never claimed once they expire, parameterised by where they are listed (attachment
 * uploads in each shard's {@code message_attachments}, avatar and icon uploads in the global {@code image_uploads}):
 * select a batch of expired rows, delete each object, then its row if it is still unclaimed (a crash between the
 * two leaves a row the next sweep finishes), log the count. Every instance sweeps; deleting twice is harmless.
 */
public final class UploadSweep<T> {

    private static final Logger log = LoggerFactory.getLogger(UploadSweep.class);
    static final int BATCH = 200;

    /** One table of uploads. */
    public interface Table<T> {
        /** At most {@code limit} expired, unclaimed rows. */
        List<T> expired(Instant now, int limit);

        String objectKey(T row);

        /** Deletes the row if nothing claimed it meanwhile. */
        boolean deleteIfUnclaimed(T row);
    }

    private final String what;
    private final ObjectStore store;
    private final Supplier<List<Table<T>>> tables;

    /** @param tables the tables, asked at every sweep (the shards may change) */
    public UploadSweep(String what, ObjectStore store, Supplier<List<Table<T>>> tables) {
        this.what = what;
        this.store = store;
        this.tables = tables;
    }

    /** @return how many expired uploads were deleted */
    public int sweep(Instant now) {
        int deleted = 0;
        for (Table<T> table : tables.get()) {
            List<T> expired;
            do {
                expired = table.expired(now, BATCH);
                for (T row : expired) {
                    store.delete(table.objectKey(row));
                    if (table.deleteIfUnclaimed(row)) {
                        deleted++;
                    }
                }
            } while (expired.size() == BATCH);
        }
        if (deleted > 0) {
            log.info("deleted {} expired {}", deleted, what);
        }
        return deleted;
    }

    /** The scheduled run: a failure waits for the next interval. */
    public void scheduled(Instant now) {
        try {
            sweep(now);
        } catch (RuntimeException e) {
            log.warn("sweeping expired {} failed, next try in one interval: {}", what, e.toString());
        }
    }
}
