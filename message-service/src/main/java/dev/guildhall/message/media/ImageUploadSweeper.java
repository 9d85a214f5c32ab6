package dev.guildhall.message.media;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.message.attachment.ObjectStore;
import dev.guildhall.message.attachment.UploadSweep;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Avatar and icon uploads never claimed (ADR 195), in the global database, through the one {@link UploadSweep}. */
@Component
public class ImageUploadSweeper {

    private record Expired(long uploadId, String objectKey) {
    }

    private final UploadSweep<Expired> sweep;
    private final Clock clock;

    public ImageUploadSweeper(GlobalDatabase global, ObjectStore store, Clock clock) {
        this.clock = clock;
        UploadSweep.Table<Expired> table = new UploadSweep.Table<>() {
            @Override
            public List<Expired> expired(Instant now, int limit) {
                return global.jdbc().sql("SELECT upload_id, object_key FROM image_uploads WHERE crops_id IS NULL "
                                + "AND expires_at <= ? ORDER BY expires_at LIMIT ?")
                        .params(DbTimes.toDb(now), limit)
                        .query((rs, n) -> new Expired(rs.getLong("upload_id"), rs.getString("object_key"))).list();
            }

            @Override
            public String objectKey(Expired row) {
                return row.objectKey();
            }

            @Override
            public boolean deleteIfUnclaimed(Expired row) {
                return global.jdbc().sql("DELETE FROM image_uploads WHERE upload_id = ? AND crops_id IS NULL")
                        .param(row.uploadId()).update() == 1;
            }
        };
        this.sweep = new UploadSweep<>("image uploads", store, () -> List.of(table));
    }

    @Scheduled(fixedDelayString = "${guildhall.attachments.sweep-interval}",
            initialDelayString = "${guildhall.attachments.sweep-interval}")
    void scheduled() {
        sweep.scheduled(clock.instant());
    }

    /** @return how many expired uploads were deleted */
    public int sweep(Instant now) {
        return sweep.sweep(now);
    }
}
