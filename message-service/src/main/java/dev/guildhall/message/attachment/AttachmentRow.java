package dev.guildhall.message.attachment;

import java.time.Instant;

/** One row of {@code message_attachments}: an upload, or once claimed, an attachment of a message. */
public record AttachmentRow(long channelId, long attachmentId, long uploaderId, Long messageId, String objectKey,
                            String filename, String description, long declaredSize, String declaredType,
                            Long size, String contentType, Integer width, Integer height, boolean spoiler,
                            int position, Instant createdAt, Instant expiresAt, Media media) {

    /**
     * What the media worker found after the message was sent (ADR 193); {@link #NONE} until then.
     *
     * @param state null until looked at, then DONE, REFUSED, FAILED or SKIPPED
     */
    public record Media(String state, String thumbnailKey, Integer thumbnailWidth, Integer thumbnailHeight,
                        String placeholder, Double durationSecs) {
        public static final Media NONE = new Media(null, null, null, null, null, null);
    }

    /** A claimed upload: what arrived, what the message says about it. */
    AttachmentRow attached(long messageId, int position, String filename, String description, boolean spoiler,
                           Inspection inspection) {
        return new AttachmentRow(channelId, attachmentId, uploaderId, messageId, objectKey, filename, description,
                declaredSize, declaredType, inspection.size(), inspection.contentType(), inspection.width(),
                inspection.height(), spoiler, position, createdAt, null, media);
    }
}
