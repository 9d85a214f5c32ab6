package dev.guildhall.message.media;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.message.attachment.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes avatar and icon uploads never claimed once they expire (ADR 195): the object first, then
 * the row, as the attachments' sweep does. Every instance sweeps; deleting twice is harmless.
 */
@Component
public class ImageUploadSweeper {

    private static final Logger log = LoggerFactory.getLogger(ImageUploadSweeper.class);
    private static final int BATCH = 200;

    private final GlobalDatabase global;
    private final ObjectStore store;
    private final Clock clock;

    public ImageUploadSweeper(GlobalDatabase global, ObjectStore store, Clock clock) {
        this.global = global;
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${guildhall.attachments.sweep-interval}",
            initialDelayString = "${guildhall.attachments.sweep-interval}")
    void scheduled() {
        try {
            sweep(clock.instant());
        } catch (RuntimeException e) {
            log.warn("sweeping expired image uploads failed, next try in one interval: {}", e.toString());
        }
    }

    /** @return how many expired uploads were deleted */
    public int sweep(Instant now) {
        int deleted = 0;
        record Expired(long uploadId, String objectKey) {
        }
        List<Expired> expired;
        do {
            expired = global.jdbc().sql("SELECT upload_id, object_key FROM image_uploads WHERE crops_id IS NULL "
                            + "AND expires_at <= ? ORDER BY expires_at LIMIT ?")
                    .params(DbTimes.toDb(now), BATCH)
                    .query((rs, n) -> new Expired(rs.getLong("upload_id"), rs.getString("object_key"))).list();
            for (Expired upload : expired) {
                store.delete(upload.objectKey());
                deleted += global.jdbc().sql("DELETE FROM image_uploads WHERE upload_id = ? AND crops_id IS NULL")
                        .param(upload.uploadId()).update();
            }
        } while (expired.size() == BATCH);
        if (deleted > 0) {
            log.info("deleted {} expired image uploads", deleted);
        }
        return deleted;
    }
}
