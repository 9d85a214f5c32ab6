-- Uploads of avatars and server icons (ADR 195): like attachment uploads, but of a user rather than a
-- channel, so in the global database. A row is reserved by POST /api/v1/uploads, its bytes are PUT to
-- the store, and auth-service or server-service claims it once (claimed_at) when a PATCH names it.
CREATE TABLE image_uploads (
    upload_id      BIGINT        NOT NULL PRIMARY KEY,
    uploader_id    BIGINT        NOT NULL,
    -- avatar | icon
    purpose        VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    -- attachments/{uploader_id}/{upload_id}/{sanitized filename}
    object_key     VARCHAR(200)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    declared_size  BIGINT        NOT NULL,
    declared_type  VARCHAR(255)  NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    expires_at     DATETIME(3)   NOT NULL,
    claimed_at     DATETIME(3)   NULL,
    -- the crops made at the claim: attachments/{uploader_id}/{crops_id}/{size}.png
    crops_id       BIGINT        NULL,
    KEY idx_image_uploads_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
