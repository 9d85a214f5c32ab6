package dev.guildhall.message.attachment;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.channel.AccessPolicy;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Uploads and attachments: reserving uploads, checking what arrived when a message claims them,
 * and the attachment objects of messages with fresh signed links.
 */
@Service
public class AttachmentService {

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final AttachmentRepository repository;
    private final ObjectStore store;
    private final ContentSniffer sniffer;
    private final LinkSigner signer;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final AttachmentProperties properties;

    public AttachmentService(ChannelAccessService access, ShardDatabases shards, AttachmentRepository repository,
                             ObjectStore store, ContentSniffer sniffer, LinkSigner signer, SnowflakeGenerator ids,
                             Clock clock, AttachmentProperties properties) {
        this.access = access;
        this.shards = shards;
        this.repository = repository;
        this.store = store;
        this.sniffer = sniffer;
        this.signer = signer;
        this.ids = ids;
        this.clock = clock;
        this.properties = properties;
    }

    /** Reserves one upload per file, in order; each answers where to send its bytes. */
    public List<AttachmentRequests.Upload> createUploads(long userId, long channelId,
                                                         DeferredBody<AttachmentRequests.CreateUploads> body) {
        ChannelAccess channel = requireAttach(userId, channelId);
        AttachmentRequests.CreateUploads request = body.read(); // after the access check (ADR 250)
        requireCount(request.files().size());
        for (AttachmentRequests.FileSpec file : request.files()) {
            requireSize(file.size());
        }
        Shard shard = shards.forKey(channel.shardKey());
        Instant now = clock.instant();
        List<AttachmentRequests.Upload> uploads = new ArrayList<>();
        for (AttachmentRequests.FileSpec file : request.files()) {
            AttachmentRow row = reserve(shard, userId, channelId, file.filename(), file.size(), file.contentType(), now);
            uploads.add(uploadLink(row));
        }
        return uploads;
    }

    /**
     * Cancels an upload of the caller that no message claimed (ADR 233): the row, then the object, at once rather
     * than at the 24 h sweep. Anything else (another's upload, an attached file, an unknown id) is 404.
     */
    public void cancel(long userId, long channelId, long uploadId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        Shard shard = shards.forKey(channel.shardKey());
        AttachmentRow row = repository.find(shard, channelId, uploadId)
                .filter(r -> r.uploaderId() == userId && r.messageId() == null)
                .orElseThrow(() -> new GuildhallException(ErrorCode.NOT_FOUND, "No unclaimed upload of yours with this id"));
        // the row first: a message claiming it meanwhile wins, and its file stays
        if (!repository.deleteUnclaimed(shard, channelId, uploadId)) {
            throw new GuildhallException(ErrorCode.NOT_FOUND, "No unclaimed upload of yours with this id");
        }
        store.delete(row.objectKey());
    }

    /** Where the bytes of an upload go: a presigned PUT to the store, or the signed gateway path (ADR 161). */
    private AttachmentRequests.Upload uploadLink(AttachmentRow row) {
        return uploadLink(row.attachmentId(), row.objectKey(), row.declaredType(), row.declaredSize());
    }

    /** The upload link of any reserved object (attachments, avatars, icons): the same mechanics for all. */
    public AttachmentRequests.Upload uploadLink(long uploadId, String objectKey, String type, long size) {
        Duration validity = uploadLinkValidity();
        Instant expires = clock.instant().plus(validity);
        String url;
        if (properties.uploadMode() == AttachmentProperties.UploadMode.PRESIGNED) {
            url = store.presignPut(objectKey, type, size, validity).toString();
        } else {
            url = properties.publicBaseUrl() + signer.sign("PUT", "/" + objectKey, validity, "");
        }
        return new AttachmentRequests.Upload(Snowflake.format(uploadId), url, expires);
    }

    /** An upload link stops working well before the upload itself expires, so no PUT lands after the sweep. */
    private Duration uploadLinkValidity() {
        return properties.uploadTtl().dividedBy(2);
    }

    private AttachmentRow reserve(Shard shard, long userId, long channelId, String filename, long size, String type,
                                  Instant now) {
        long id = ids.next();
        String key = "attachments/" + channelId + "/" + id + "/" + FileNames.sanitize(filename);
        AttachmentRow row = new AttachmentRow(channelId, id, userId, null, key, filename.strip(), null, size,
                type.strip(), null, null, null, null, false, 0, now, now.plus(properties.uploadTtl()),
                AttachmentRow.Media.NONE);
        repository.insertUpload(shard, row);
        return row;
    }

    /**
     * The bytes of an upload through the gateway path (a signed PUT, no user token: it works like
     * a presigned store URL). Streams the body to the store; an object already there is not replaced.
     */
    public void receive(String path, String ex, String is, String hm, String contentType, long contentLength,
                        InputStream body) {
        switch (signer.check("PUT", path, ex, is, hm, "")) {
            case INVALID -> throw new GuildhallException(ErrorCode.INVALID_SIGNATURE, "This upload link is not valid");
            case EXPIRED -> throw new GuildhallException(ErrorCode.LINK_EXPIRED, "This upload link has expired");
            default -> { }
        }
        if (contentLength < 0) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "An upload needs a Content-Length");
        }
        requireSize(contentLength);
        String key = path.substring(1);
        if (store.head(key).isPresent()) {
            throw new GuildhallException(ErrorCode.CONFLICT, "This upload has already been received");
        }
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        store.put(key, type, body, contentLength);
    }

    /**
     * A file of a multipart send, streamed to the store as an upload of this user; the message then
     * claims it like any other upload.
     *
     * @return the upload id
     */
    public long receiveMultipartFile(long userId, ChannelAccess channel, String filename, String contentType,
                                     InputStream body) {
        Shard shard = shards.forKey(channel.shardKey());
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        String name = filename == null || filename.isBlank() ? "file" : filename;
        // reserved first, so a failure half-way leaves a row the sweep removes with its object
        AttachmentRow row = reserve(shard, userId, channel.channelId(), name, 0, type, clock.instant());
        long size;
        try {
            size = store.putStream(row.objectKey(), type, body, properties.maxFileSize().toBytes());
        } catch (ObjectStore.TooLargeException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shard.jdbc().sql("UPDATE message_attachments SET declared_size = ? WHERE channel_id = ? AND attachment_id = ?")
                .params(size, row.channelId(), row.attachmentId()).update();
        return row.attachmentId();
    }

    /** Checks that the caller may attach files here (before any byte is read). */
    public ChannelAccess requireAttach(long userId, long channelId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireSend(channel);
        if (!channel.has(Permission.ATTACH_FILES)) {
            throw GuildhallException.missing(Permission.ATTACH_FILES.name());
        }
        return channel;
    }

    /** Uploads checked and ready to be claimed by a message in its transaction. */
    public record Prepared(List<AttachmentRow> rows) {
        public static final Prepared NONE = new Prepared(List.of());

        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /**
     * Checks the uploads a message names against what arrived: present in the store, the declared
     * size, bytes of a type compatible with the declared one. Runs before the message's transaction
     * (it calls the store); {@link #attach} then claims them inside it.
     */
    public Prepared prepare(long userId, ChannelAccess channel, Shard shard, List<AttachmentRequests.Ref> refs) {
        if (refs == null || refs.isEmpty()) {
            return Prepared.NONE;
        }
        if (!channel.has(Permission.ATTACH_FILES)) {
            throw GuildhallException.missing(Permission.ATTACH_FILES.name());
        }
        requireCount(refs.size());
        Set<Long> seen = new HashSet<>();
        List<AttachmentRow> rows = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            AttachmentRequests.Ref ref = refs.get(i);
            long uploadId = parseUploadId(ref.uploadId(), i);
            if (!seen.add(uploadId)) {
                throw unknownUpload(i, "named twice");
            }
            AttachmentRow upload = repository.find(shard, channel.channelId(), uploadId)
                    .filter(r -> r.uploaderId() == userId && r.messageId() == null
                            && r.expiresAt().isAfter(clock.instant()))
                    .orElseThrow(() -> unknownUpload(refs.indexOf(ref), "no such upload of yours in this channel"));
            Inspection inspection = inspect(upload, i);
            String filename = ref.filename() == null || ref.filename().isBlank() ? upload.filename() : ref.filename().strip();
            rows.add(upload.attached(0, i, filename, ref.description(), Boolean.TRUE.equals(ref.spoiler()), inspection));
        }
        return new Prepared(rows);
    }

    private Inspection inspect(AttachmentRow upload, int index) {
        HeadObjectResponse head = store.head(upload.objectKey())
                .orElseThrow(() -> unknownUpload(index, "nothing was uploaded"));
        long size = head.contentLength();
        if (size != upload.declaredSize()) {
            throw new GuildhallException(ErrorCode.ATTACHMENT_SIZE_MISMATCH, "Attachment " + index + " has "
                    + size + " bytes, " + upload.declaredSize() + " were declared",
                    Map.of("errors", Map.of("attachments[" + index + "]", "size " + size + " is not the declared "
                            + upload.declaredSize())));
        }
        byte[] prefix;
        try {
            prefix = size == 0 ? new byte[0] : store.prefix(upload.objectKey(), ContentSniffer.PREFIX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sniffed = sniffer.detect(prefix);
        String type = ContentSniffer.reconcile(upload.declaredType(), sniffed);
        if (type == null) {
            throw new GuildhallException(ErrorCode.ATTACHMENT_TYPE_MISMATCH, "Attachment " + index + " is "
                    + sniffed + ", " + upload.declaredType() + " was declared",
                    Map.of("errors", Map.of("attachments[" + index + "]", "content is " + sniffed + ", not "
                            + upload.declaredType())));
        }
        if (!type.equals(head.contentType())) {
            store.setContentType(upload.objectKey(), type);
        }
        int[] dimensions = sniffer.dimensions(prefix, type);
        return new Inspection(size, type, dimensions == null ? null : dimensions[0],
                dimensions == null ? null : dimensions[1]);
    }

    /** Claims the prepared uploads for the message, inside its transaction; one lost to another send fails it. */
    public List<AttachmentRow> attach(Shard shard, long messageId, Prepared prepared) {
        List<AttachmentRow> attached = new ArrayList<>();
        Instant now = clock.instant();
        for (AttachmentRow row : prepared.rows()) {
            AttachmentRow claimed = withMessage(row, messageId);
            if (!repository.attach(shard, claimed, now)) {
                throw unknownUpload(row.position(), "already attached to another message");
            }
            attached.add(claimed);
        }
        return attached;
    }

    /** The attachment objects a message will have once it is sent (for the response and the event). */
    public List<AttachmentView> views(long messageId, Prepared prepared) {
        return prepared.rows().stream().map(row -> view(withMessage(row, messageId))).toList();
    }

    /** The attachments of these messages, with links signed now. */
    public Map<Long, List<AttachmentView>> views(Shard shard, long channelId, Set<Long> messageIds) {
        Map<Long, List<AttachmentView>> views = new LinkedHashMap<>();
        for (AttachmentRow row : repository.forMessages(shard, channelId, messageIds)) {
            views.computeIfAbsent(row.messageId(), k -> new ArrayList<>()).add(view(row));
        }
        return views;
    }

    AttachmentView view(AttachmentRow row) {
        String url = link(row.objectKey());
        AttachmentRow.Media media = row.media();
        AttachmentView.Thumbnail thumbnail = media.thumbnailKey() == null ? null : new AttachmentView.Thumbnail(
                link(media.thumbnailKey()), media.thumbnailWidth(), media.thumbnailHeight());
        return new AttachmentView(Snowflake.format(row.attachmentId()), row.filename(), row.description(),
                row.contentType(), row.size() == null ? row.declaredSize() : row.size(), url, url, row.width(),
                row.height(), thumbnail, media.placeholder(), media.durationSecs(), row.spoiler());
    }

    /** A signed GET link of an object, under the public base URL (ADR 162). */
    public String link(String objectKey) {
        return properties.publicBaseUrl() + signer.signGet("/" + objectKey);
    }

    private static AttachmentRow withMessage(AttachmentRow row, long messageId) {
        return new AttachmentRow(row.channelId(), row.attachmentId(), row.uploaderId(), messageId, row.objectKey(),
                row.filename(), row.description(), row.declaredSize(), row.declaredType(), row.size(),
                row.contentType(), row.width(), row.height(), row.spoiler(), row.position(), row.createdAt(), null,
                row.media());
    }

    private void requireCount(int count) {
        if (count > properties.maxFilesPerMessage()) {
            throw new GuildhallException(ErrorCode.LIMIT_REACHED, "At most " + properties.maxFilesPerMessage()
                    + " files per message", Map.of("errors", Map.of("files", "at most "
                    + properties.maxFilesPerMessage() + " files")));
        }
    }

    private void requireSize(long size) {
        if (size > properties.maxFileSize().toBytes()) {
            throw tooLarge();
        }
    }

    private GuildhallException tooLarge() {
        return new GuildhallException(ErrorCode.PAYLOAD_TOO_LARGE, "A file may have at most "
                + properties.maxFileSize().toBytes() + " bytes",
                Map.of("max_file_size", properties.maxFileSize().toBytes()));
    }

    private static long parseUploadId(String id, int index) {
        try {
            return Snowflake.parse(id);
        } catch (RuntimeException e) {
            throw unknownUpload(index, "not an upload id");
        }
    }

    private static GuildhallException unknownUpload(int index, String why) {
        return new GuildhallException(ErrorCode.UNKNOWN_UPLOAD, "Attachment " + index + ": " + why,
                Map.of("errors", Map.of("attachments[" + index + "]", why)));
    }
}
