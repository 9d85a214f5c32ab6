-- Interactions (ADR 169): one row per invocation of a slash command. The token is shown only to the
-- bot (in INTERACTION_CREATE) and kept as its SHA-256; it is accepted until expires_at (15 minutes).
-- acknowledged_at is set once, by the first callback; failed_at when the bot did not answer in time.
CREATE TABLE bot_interactions (
    interaction_id      BIGINT        NOT NULL,
    application_id      BIGINT        NOT NULL,
    bot_user_id         BIGINT        NOT NULL,
    command_id          BIGINT        NOT NULL,
    command_name        VARCHAR(32)   NOT NULL,
    server_id           BIGINT        NOT NULL,
    channel_id          BIGINT        NOT NULL,
    user_id             BIGINT        NOT NULL,
    token_hash          BINARY(32)    NOT NULL,
    expires_at          DATETIME(6)   NOT NULL,
    acknowledged_at     DATETIME(6)   NULL,
    response_type       INT           NULL,
    -- component updates (types 6 and 7) are stored as sent; nothing renders them yet
    response_data       MEDIUMTEXT    NULL,
    failed_at           DATETIME(6)   NULL,
    original_message_id BIGINT        NULL,
    -- the original response as message-service last answered it (GET .../messages/@original)
    original_message    MEDIUMTEXT    NULL,
    created_at          DATETIME(6)   NOT NULL,
    PRIMARY KEY (interaction_id),
    UNIQUE KEY uk_bot_interactions_token (token_hash),
    KEY ix_bot_interactions_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- bot-events leave through service-data's one relay (ADR 122), keyed by the user the event is for
CREATE TABLE interaction_outbox (
    seq        BIGINT        NOT NULL AUTO_INCREMENT,
    event_id   BIGINT        NOT NULL,
    user_id    BIGINT        NOT NULL,
    event_type VARCHAR(64)   NOT NULL,
    payload    MEDIUMTEXT    NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    sent_at    DATETIME(6)   NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY uk_interaction_outbox_event (event_id),
    KEY ix_interaction_outbox_unsent (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
