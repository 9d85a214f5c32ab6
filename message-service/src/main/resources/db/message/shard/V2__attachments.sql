-- Attachments (ADR 160): the metadata; the bytes are objects in S3 under object_key. A row is an upload
-- (message_id NULL, expires_at set) until a message claims it; an upload never claimed is deleted,
-- object and row, after expires_at. In the shard of the channel, like its messages.
CREATE TABLE message_attachments (
    channel_id     BIGINT        NOT NULL,
    -- also the upload_id of the upload that made it
    attachment_id  BIGINT        NOT NULL,
    uploader_id    BIGINT        NOT NULL,
    message_id     BIGINT        NULL,
    -- attachments/{channel_id}/{attachment_id}/{sanitized filename}
    object_key     VARCHAR(200)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    -- the name shown: the upload's, replaced by the one the message gives
    filename       VARCHAR(255)  NOT NULL,
    description    VARCHAR(1024) NULL,
    declared_size  BIGINT        NOT NULL,
    declared_type  VARCHAR(255)  NOT NULL,
    -- what arrived, known once a message claims the upload: size from the store, type sniffed from the bytes
    size           BIGINT        NULL,
    content_type   VARCHAR(255)  NULL,
    width          INT           NULL,
    height         INT           NULL,
    spoiler        BOOLEAN       NOT NULL DEFAULT FALSE,
    -- the position among the message's attachments
    position       INT           NOT NULL DEFAULT 0,
    created_at     DATETIME(3)   NOT NULL,
    expires_at     DATETIME(3)   NULL,
    PRIMARY KEY (channel_id, attachment_id),
    KEY idx_message_attachments_message (channel_id, message_id),
    KEY idx_message_attachments_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
