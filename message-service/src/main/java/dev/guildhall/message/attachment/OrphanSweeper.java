package dev.guildhall.message.attachment;

import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Deletes uploads never attached to a message once they expire: the object first, then the row
 * (a crash between the two leaves a row the next sweep finishes). Every instance sweeps; deleting
 * twice is harmless.
 */
@Component
public class OrphanSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);
    private static final int BATCH = 200;

    private final ShardDatabases shards;
    private final AttachmentRepository repository;
    private final ObjectStore store;
    private final Clock clock;

    public OrphanSweeper(ShardDatabases shards, AttachmentRepository repository, ObjectStore store, Clock clock) {
        this.shards = shards;
        this.repository = repository;
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${guildhall.attachments.sweep-interval}",
            initialDelayString = "${guildhall.attachments.sweep-interval}")
    void scheduled() {
        try {
            sweep(clock.instant());
        } catch (RuntimeException e) {
            log.warn("sweeping expired uploads failed, next try in one interval: {}", e.toString());
        }
    }

    /** @return how many expired uploads were deleted */
    public int sweep(Instant now) {
        int deleted = 0;
        for (Shard shard : shards.all()) {
            List<AttachmentRow> expired;
            do {
                expired = repository.expired(shard, now, BATCH);
                for (AttachmentRow row : expired) {
                    store.delete(row.objectKey());
                    if (repository.deleteUnclaimed(shard, row.channelId(), row.attachmentId())) {
                        deleted++;
                    }
                }
            } while (expired.size() == BATCH);
        }
        if (deleted > 0) {
            log.info("deleted {} expired uploads", deleted);
        }
        return deleted;
    }
}
