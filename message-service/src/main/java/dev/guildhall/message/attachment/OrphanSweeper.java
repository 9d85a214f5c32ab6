package dev.guildhall.message.attachment;

import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Attachment uploads never attached to a message, in every shard, through the one {@link UploadSweep}. */
@Component
public class OrphanSweeper {

    private final UploadSweep<AttachmentRow> sweep;
    private final Clock clock;

    public OrphanSweeper(ShardDatabases shards, AttachmentRepository repository, ObjectStore store, Clock clock) {
        this.clock = clock;
        this.sweep = new UploadSweep<>("uploads", store,
                () -> shards.all().stream().map(shard -> table(shard, repository)).toList());
    }

    private static UploadSweep.Table<AttachmentRow> table(Shard shard, AttachmentRepository repository) {
        return new UploadSweep.Table<>() {
            @Override
            public List<AttachmentRow> expired(Instant now, int limit) {
                return repository.expired(shard, now, limit);
            }

            @Override
            public String objectKey(AttachmentRow row) {
                return row.objectKey();
            }

            @Override
            public boolean deleteIfUnclaimed(AttachmentRow row) {
                return repository.deleteUnclaimed(shard, row.channelId(), row.attachmentId());
            }
        };
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
