package dev.guildhall.message.purge;

import dev.guildhall.data.db.Shard;
import dev.guildhall.message.attachment.AttachmentDeletion;
import dev.guildhall.message.attachment.AttachmentRepository;
import dev.guildhall.message.attachment.AttachmentRow;
import dev.guildhall.message.client.ServerServiceClient;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.message.purge.ContentRepository.ChannelTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Works one leased job to its end, batch by batch. Every step is idempotent and each batch commits
 * its own deletions with the job's counters, so a job started again after a crash redoes at most
 * one batch: store objects are deleted before their rows, and deleting a missing object is fine.
 */
@Component
class PurgeRunner {

    private static final Logger log = LoggerFactory.getLogger(PurgeRunner.class);

    private final PurgeJobRepository jobs;
    private final ContentRepository content;
    private final AttachmentRepository attachments;
    private final AttachmentDeletion deletion;
    private final ServerServiceClient servers;
    private final MessageMetrics metrics;
    private final PurgeProperties properties;
    private final Clock clock;

    PurgeRunner(PurgeJobRepository jobs, ContentRepository content, AttachmentRepository attachments,
                AttachmentDeletion deletion, ServerServiceClient servers, MessageMetrics metrics,
                PurgeProperties properties, Clock clock) {
        this.jobs = jobs;
        this.content = content;
        this.attachments = attachments;
        this.deletion = deletion;
        this.servers = servers;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes everything the job covers, records it in the audit log where there is one, and finishes the job. */
    void run(Shard shard, PurgeJob job) {
        switch (job.scope()) {
            case MESSAGE -> files(shard, job, job.channelId(), job.targetId());
            case CHANNEL -> channel(shard, job, job.targetId());
            case SERVER -> server(shard, job);
        }
        PurgeJob done = jobs.find(shard, job.scope(), job.targetId()).orElse(job);
        audit(done);
        jobs.finish(shard, job.jobId(), clock.instant());
        metrics.purgeFinished(job.scope().name());
        log.info("purge {} {} finished: {} rows and {} objects removed", job.scope(), job.targetId(),
                done.rowsRemoved(), done.objectsRemoved());
    }

    private void server(Shard shard, PurgeJob job) {
        long serverId = job.targetId();
        for (Long channel = content.channelWithMessages(shard, serverId).orElse(null); channel != null;
             channel = content.channelWithMessages(shard, serverId).orElse(null)) {
            channel(shard, job, channel);
        }
        while (batch(shard, job, () -> content.deleteServerReadStates(shard, serverId, properties.batchSize()))) {
            // until no read state of the server is left
        }
    }

    private void channel(Shard shard, PurgeJob job, long channelId) {
        files(shard, job, channelId, null);
        for (ChannelTable table : ChannelTable.values()) {
            while (batch(shard, job, () -> content.deleteChannelRows(shard, table, channelId, properties.batchSize()))) {
                // until the table holds nothing of the channel
            }
        }
    }

    /** The attachments of a channel (messageId null) or of one message: objects first, then their rows. */
    private void files(Shard shard, PurgeJob job, long channelId, Long messageId) {
        List<AttachmentRow> batch;
        do {
            batch = attachments.ofChannel(shard, channelId, messageId, properties.batchSize());
            long objects = 0;
            for (AttachmentRow row : batch) {
                objects += deletion.deleteObjects(row);
            }
            List<Long> ids = batch.stream().map(AttachmentRow::attachmentId).toList();
            long removedObjects = objects;
            shard.inTransaction(() -> {
                int rows = attachments.deleteRows(shard, channelId, ids);
                record(shard, job, rows, removedObjects);
            });
        } while (batch.size() == properties.batchSize());
    }

    /** One batch of row deletions with its counts, in one transaction; false when it found nothing to delete. */
    private boolean batch(Shard shard, PurgeJob job, java.util.function.IntSupplier delete) {
        return shard.inTransaction(() -> {
            int rows = delete.getAsInt();
            record(shard, job, rows, 0);
            return rows > 0;
        });
    }

    private void record(Shard shard, PurgeJob job, long rows, long objects) {
        Instant now = clock.instant();
        jobs.progress(shard, job.jobId(), rows, objects, now.plus(properties.lease()));
        metrics.purged(job.scope().name(), rows, objects);
    }

    /**
     * A deleted channel's purge goes into its server's audit log (server-service owns it); a deleted
     * server has no audit log left, and a message's files are part of the message's deletion.
     */
    private void audit(PurgeJob job) {
        if (job.scope() != PurgeScope.CHANNEL || job.serverId() == null) {
            return;
        }
        servers.recordContentPurge(job.serverId(), job.targetId(), job.actorId(), job.rowsRemoved(),
                job.objectsRemoved());
    }
}
