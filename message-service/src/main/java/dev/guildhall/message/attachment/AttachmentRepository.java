package dev.guildhall.message.attachment;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code message_attachments} in one shard. */
@Repository
public class AttachmentRepository {

    private static final String UPLOAD_COLUMNS = "channel_id, attachment_id, uploader_id, message_id, object_key, "
            + "filename, description, declared_size, declared_type, size, content_type, width, height, spoiler, "
            + "position, created_at, expires_at";

    private static final String COLUMNS = "channel_id, attachment_id, uploader_id, message_id, object_key, filename, "
            + "description, declared_size, declared_type, size, content_type, width, height, spoiler, position, "
            + "created_at, expires_at, media_state, thumbnail_key, thumbnail_width, thumbnail_height, placeholder, "
            + "duration_secs";

    public void insertUpload(Shard shard, AttachmentRow row) {
        shard.jdbc().sql("INSERT INTO message_attachments (" + UPLOAD_COLUMNS + ") VALUES (?, ?, ?, NULL, ?, ?, NULL, ?, ?, "
                        + "NULL, NULL, NULL, NULL, FALSE, 0, ?, ?)")
                .params(row.channelId(), row.attachmentId(), row.uploaderId(), row.objectKey(), row.filename(),
                        row.declaredSize(), row.declaredType(), DbTimes.toDb(row.createdAt()), DbTimes.toDb(row.expiresAt()))
                .update();
    }

    public Optional<AttachmentRow> find(Shard shard, long channelId, long attachmentId) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_attachments WHERE channel_id = ? AND attachment_id = ?")
                .params(channelId, attachmentId)
                .query(AttachmentRepository::map).optional();
    }

    /**
     * Claims an upload for a message, if it is still an unclaimed, unexpired upload of this user:
     * false when another send got it first or it expired (the sweep may be deleting it).
     */
    public boolean attach(Shard shard, AttachmentRow row, Instant now) {
        return shard.jdbc().sql("UPDATE message_attachments SET message_id = ?, filename = ?, description = ?, size = ?, "
                        + "content_type = ?, width = ?, height = ?, spoiler = ?, position = ?, expires_at = NULL "
                        + "WHERE channel_id = ? AND attachment_id = ? AND uploader_id = ? AND message_id IS NULL "
                        + "AND expires_at > ?")
                .params(row.messageId(), row.filename(), row.description(), row.size(), row.contentType(), row.width(),
                        row.height(), row.spoiler(), row.position(), row.channelId(), row.attachmentId(), row.uploaderId(),
                        DbTimes.toDb(now))
                .update() == 1;
    }

    /** The attachments of these messages, in their order. */
    public List<AttachmentRow> forMessages(Shard shard, long channelId, Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_attachments WHERE channel_id = :channel "
                        + "AND message_id IN (:ids) ORDER BY message_id, position")
                .param("channel", channelId)
                .param("ids", messageIds)
                .query(AttachmentRepository::map).list();
    }

    /**
     * Records what the media worker found, once: false when another delivery of the event got there
     * first (the row's media_state is no longer NULL) or the attachment is gone.
     */
    public boolean recordMedia(Shard shard, long channelId, long attachmentId, Integer width, Integer height,
                               AttachmentRow.Media media) {
        return shard.jdbc().sql("UPDATE message_attachments SET media_state = ?, thumbnail_key = ?, thumbnail_width = ?, "
                        + "thumbnail_height = ?, placeholder = ?, duration_secs = ?, width = COALESCE(?, width), "
                        + "height = COALESCE(?, height) WHERE channel_id = ? AND attachment_id = ? "
                        + "AND message_id IS NOT NULL AND media_state IS NULL")
                .params(media.state(), media.thumbnailKey(), media.thumbnailWidth(), media.thumbnailHeight(),
                        media.placeholder(), media.durationSecs(), width, height, channelId, attachmentId)
                .update() == 1;
    }

    /** Unclaimed uploads past their expiry, oldest first. */
    public List<AttachmentRow> expired(Shard shard, Instant now, int limit) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_attachments WHERE message_id IS NULL "
                        + "AND expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(DbTimes.toDb(now), limit)
                .query(AttachmentRepository::map).list();
    }

    /** Deletes an upload that is still unclaimed; false if a message claimed it meanwhile. */
    public boolean deleteUnclaimed(Shard shard, long channelId, long attachmentId) {
        return shard.jdbc().sql("DELETE FROM message_attachments WHERE channel_id = ? AND attachment_id = ? AND message_id IS NULL")
                .params(channelId, attachmentId)
                .update() == 1;
    }

    /**
     * A batch of a channel's attachments (uploads included), or of one message's when {@code messageId}
     * is given, for content deletion (ADR 198).
     */
    public List<AttachmentRow> ofChannel(Shard shard, long channelId, Long messageId, int limit) {
        if (messageId == null) {
            return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_attachments WHERE channel_id = ? "
                            + "ORDER BY attachment_id LIMIT ?")
                    .params(channelId, limit)
                    .query(AttachmentRepository::map).list();
        }
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_attachments WHERE channel_id = ? AND message_id = ? "
                        + "ORDER BY attachment_id LIMIT ?")
                .params(channelId, messageId, limit)
                .query(AttachmentRepository::map).list();
    }

    /** Deletes these attachment rows of a channel (their objects are gone already). */
    public int deleteRows(Shard shard, long channelId, Collection<Long> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return 0;
        }
        return shard.jdbc().sql("DELETE FROM message_attachments WHERE channel_id = :channel AND attachment_id IN (:ids)")
                .param("channel", channelId)
                .param("ids", attachmentIds)
                .update();
    }

    static AttachmentRow map(ResultSet rs, int n) throws SQLException {
        long messageId = rs.getLong("message_id");
        Long message = rs.wasNull() ? null : messageId;
        long size = rs.getLong("size");
        Long sizeValue = rs.wasNull() ? null : size;
        int width = rs.getInt("width");
        Integer w = rs.wasNull() ? null : width;
        int height = rs.getInt("height");
        Integer h = rs.wasNull() ? null : height;
        return new AttachmentRow(rs.getLong("channel_id"), rs.getLong("attachment_id"), rs.getLong("uploader_id"),
                message, rs.getString("object_key"), rs.getString("filename"), rs.getString("description"),
                rs.getLong("declared_size"), rs.getString("declared_type"), sizeValue, rs.getString("content_type"),
                w, h, rs.getBoolean("spoiler"), rs.getInt("position"), DbTimes.fromDb(rs, "created_at"),
                DbTimes.fromDb(rs, "expires_at"), new AttachmentRow.Media(rs.getString("media_state"),
                rs.getString("thumbnail_key"), (Integer) rs.getObject("thumbnail_width", Integer.class),
                (Integer) rs.getObject("thumbnail_height", Integer.class), rs.getString("placeholder"),
                rs.getObject("duration_secs", Double.class)));
    }
}
