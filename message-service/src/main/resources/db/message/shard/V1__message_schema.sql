-- message-service tables in every shard database (history table: flyway_history_message).
-- server-service shares these databases with its own tables; every name here is message-service's.
-- Rows of a server live in the shard of its server_id; rows of a direct-message channel in the
-- shard of its channel_id (server_id is then NULL). Times are UTC DATETIME(3); ids are snowflakes.

CREATE TABLE messages (
    channel_id       BIGINT      NOT NULL,
    message_id       BIGINT      NOT NULL,
    server_id        BIGINT      NULL,
    author_id        BIGINT      NOT NULL,
    -- up to 4000 code points (16000 bytes in utf8mb4)
    content          TEXT        NOT NULL,
    reply_to_id      BIGINT      NULL,
    -- comma-separated ids, in order of first appearance
    mention_user_ids TEXT        NULL,
    mention_role_ids TEXT        NULL,
    mention_everyone BOOLEAN     NOT NULL DEFAULT FALSE,
    pinned           BOOLEAN     NOT NULL DEFAULT FALSE,
    nonce            VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    created_at       DATETIME(3) NOT NULL,
    edited_at        DATETIME(3) NULL,
    -- history pages by (channel_id, message_id): the clustered index is the history index
    PRIMARY KEY (channel_id, message_id),
    KEY idx_messages_server (server_id, message_id),
    FULLTEXT KEY ft_messages_content (content)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- who a message mentions, for read-state mention counts; user_id 0 stands for an effective @everyone/@here
CREATE TABLE message_mentions (
    channel_id BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    PRIMARY KEY (channel_id, user_id, message_id),
    KEY idx_message_mentions_message (channel_id, message_id)
) ENGINE = InnoDB;

CREATE TABLE reactions (
    channel_id BIGINT      NOT NULL,
    message_id BIGINT      NOT NULL,
    -- binary collation: the unicode collations compare many distinct emoji as equal
    emoji      VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    user_id    BIGINT      NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (channel_id, message_id, emoji, user_id)
) ENGINE = InnoDB;

CREATE TABLE pins (
    channel_id BIGINT      NOT NULL,
    message_id BIGINT      NOT NULL,
    pinned_by  BIGINT      NOT NULL,
    pinned_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (channel_id, message_id),
    KEY idx_pins_channel_time (channel_id, pinned_at)
) ENGINE = InnoDB;

-- the last message a user has read in a channel; kept in the channel's shard so unread and mention
-- counts are computed next to the messages
CREATE TABLE read_states (
    user_id         BIGINT      NOT NULL,
    channel_id      BIGINT      NOT NULL,
    server_id       BIGINT      NULL,
    last_message_id BIGINT      NOT NULL,
    updated_at      DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, channel_id)
) ENGINE = InnoDB;

-- direct-message channels, in the shard of channel_id; the pair index is dm_channels in the global database
CREATE TABLE message_dm_channels (
    channel_id BIGINT      NOT NULL,
    user_low   BIGINT      NOT NULL,
    user_high  BIGINT      NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (channel_id)
) ENGINE = InnoDB;

-- transactional outbox: written in the same transaction as the change, published by OutboxRelay
CREATE TABLE message_outbox (
    seq        BIGINT      NOT NULL AUTO_INCREMENT,
    event_id   BIGINT      NOT NULL,
    channel_id BIGINT      NOT NULL,
    event_type VARCHAR(40) NOT NULL,
    payload    MEDIUMTEXT  NOT NULL,
    created_at DATETIME(3) NOT NULL,
    sent_at    DATETIME(3) NULL,
    PRIMARY KEY (seq),
    KEY idx_message_outbox_unsent (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
