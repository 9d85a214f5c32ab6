-- Media of attachments (ADR 193): what the media worker learned after the message was sent. NULL
-- media_state = not looked at yet; the worker sets it once, so a redelivered event changes nothing.
ALTER TABLE message_attachments
    -- DONE, REFUSED (over the pixel cap: never decoded), FAILED (unreadable), SKIPPED (not an image, video or audio)
    ADD COLUMN media_state      VARCHAR(16)   NULL,
    -- attachments/{channel_id}/{thumbnail id}/thumbnail.jpg|png: an id of its own, so no upload can collide with it
    ADD COLUMN thumbnail_key    VARCHAR(200)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    ADD COLUMN thumbnail_width  INT           NULL,
    ADD COLUMN thumbnail_height INT           NULL,
    -- a BlurHash string
    ADD COLUMN placeholder      VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NULL,
    ADD COLUMN duration_secs    DOUBLE        NULL;
