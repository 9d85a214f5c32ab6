-- bot-service owns these tables in the global schema (history table: flyway_history_bot, ADR 003).
-- Times are UTC DATETIME(6).

-- an application and its bot (ADR 150); the bot user itself lives in auth-service's users
CREATE TABLE bot_applications (
    application_id   BIGINT        NOT NULL,
    owner_id         BIGINT        NOT NULL,
    bot_user_id      BIGINT        NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    description      VARCHAR(400)  NOT NULL DEFAULT '',
    -- Discord's application flags: the privileged-intent switches (GATEWAY_PRESENCE 1<<12, ...)
    flags            BIGINT        NOT NULL DEFAULT 0,
    -- SHA-256 of the one valid bot token (ADR 151); NULL until the first is made. A new token
    -- replaces it, which revokes the previous one at once.
    token_hash       BINARY(32)    NULL,
    token_created_at DATETIME(6)   NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (application_id),
    UNIQUE KEY uk_bot_applications_bot_user (bot_user_id),
    UNIQUE KEY uk_bot_applications_token_hash (token_hash),
    KEY ix_bot_applications_owner (owner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
