-- Webhooks (issue 10, ADR 156). V10: the slices of issue 10 built side by side number their migrations
-- apart (V20 auto-responses, ...), so none collides.

CREATE TABLE bot_webhooks (
    webhook_id  BIGINT        NOT NULL,
    server_id   BIGINT        NOT NULL,
    channel_id  BIGINT        NOT NULL,
    name        VARCHAR(80)   NOT NULL,
    avatar_url  VARCHAR(2048) NULL,
    -- who made it (a person or a bot user)
    creator_id  BIGINT        NOT NULL,
    -- SHA-256 of the webhook's token (ADR 151's reasoning: 256 random bits need no slow hash)
    token_hash  BINARY(32)    NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (webhook_id),
    KEY ix_bot_webhooks_channel (channel_id),
    KEY ix_bot_webhooks_server (server_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
