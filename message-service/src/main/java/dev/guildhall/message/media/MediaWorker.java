package dev.guildhall.message.media;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.attachment.AttachmentRepository;
import dev.guildhall.message.attachment.AttachmentRow;
import dev.guildhall.message.attachment.ObjectStore;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.message.message.MessageAssembler;
import dev.guildhall.message.message.MessageRepository;
import dev.guildhall.message.message.MessageRow;
import dev.guildhall.message.outbox.MessageOutbox;
import dev.guildhall.common.error.GuildhallException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Looks at one attachment after its message was sent (ADR 193): copies the object to a temporary
 * file (never the heap), analyses it, stores the thumbnail as an object of its own, records the
 * result once and tells clients with a MESSAGE_UPDATE carrying the whole message, in one
 * transaction with the record. A second delivery of the same event finds the record and does nothing.
 */
@Service
public class MediaWorker {

    private static final Logger log = LoggerFactory.getLogger(MediaWorker.class);

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final AttachmentRepository attachments;
    private final MessageRepository messages;
    private final MessageAssembler assembler;
    private final MessageOutbox outbox;
    private final ObjectStore store;
    private final MediaAnalyzer analyzer;
    private final SnowflakeGenerator ids;
    private final Timer timer;

    public MediaWorker(ChannelAccessService access, ShardDatabases shards, AttachmentRepository attachments,
                       MessageRepository messages, MessageAssembler assembler, MessageOutbox outbox, ObjectStore store,
                       MediaAnalyzer analyzer, SnowflakeGenerator ids, MeterRegistry meters) {
        this.access = access;
        this.shards = shards;
        this.attachments = attachments;
        this.messages = messages;
        this.assembler = assembler;
        this.outbox = outbox;
        this.store = store;
        this.analyzer = analyzer;
        this.ids = ids;
        this.timer = Timer.builder("guildhall.media.processing")
                .description("Time to analyse one attachment and store its thumbnail")
                .publishPercentiles(0.5, 0.95)
                .register(meters);
    }

    /**
     * @return what was found, or empty when there was nothing to do (unknown, not yet sent, already looked at)
     */
    public Optional<MediaAnalyzer.Outcome> process(long channelId, long attachmentId) {
        ChannelAccess channel;
        try {
            channel = access.existing(0, channelId);
        } catch (GuildhallException e) {
            return Optional.empty();
        }
        Shard shard = shards.forKey(channel.shardKey());
        Optional<AttachmentRow> found = attachments.find(shard, channelId, attachmentId)
                .filter(row -> row.messageId() != null && row.media().state() == null);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AttachmentRow row = found.get();
        long started = System.nanoTime();
        MediaAnalyzer.Analysis analysis = analyze(row);
        String thumbnailKey = null;
        if (analysis.thumbnail() != null) {
            MediaAnalyzer.Thumbnail thumbnail = analysis.thumbnail();
            thumbnailKey = "attachments/" + channelId + "/" + ids.next() + "/thumbnail." + thumbnail.extension();
            store.put(thumbnailKey, thumbnail.contentType(), new ByteArrayInputStream(thumbnail.bytes()),
                    thumbnail.bytes().length);
        }
        AttachmentRow.Media media = new AttachmentRow.Media(analysis.outcome().name(), thumbnailKey,
                analysis.thumbnail() == null ? null : analysis.thumbnail().width(),
                analysis.thumbnail() == null ? null : analysis.thumbnail().height(), analysis.placeholder(),
                analysis.durationSecs());
        boolean recorded = shard.inTransaction(() -> {
            // the message row first, as every writer of a message does
            if (!messages.lock(shard, channelId, row.messageId())
                    || !attachments.recordMedia(shard, channelId, attachmentId, analysis.width(), analysis.height(), media)) {
                return false;
            }
            MessageRow message = messages.find(shard, channelId, row.messageId()).orElseThrow();
            outbox.append(shard, EventTypes.MESSAGE_UPDATE, channelId, channel.serverId(), channel.recipients(),
                    message.authorId(), assembler.view(shard, message, 0));
            return true;
        });
        if (!recorded && thumbnailKey != null) {
            // another delivery recorded its own, or the message is gone: this thumbnail belongs to nothing
            store.delete(thumbnailKey);
        }
        timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        log.debug("attachment {} of channel {}: {}", attachmentId, channelId, analysis.outcome());
        return recorded ? Optional.of(analysis.outcome()) : Optional.empty();
    }

    private MediaAnalyzer.Analysis analyze(AttachmentRow row) {
        Path file = null;
        try {
            file = Files.createTempFile("guildhall-media-", ".bin");
            try (InputStream in = store.get(row.objectKey(), null)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return analyzer.analyze(file, row.contentType() == null ? row.declaredType() : row.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("temporary file {} not deleted: {}", file, e.toString());
                }
            }
        }
    }
}
