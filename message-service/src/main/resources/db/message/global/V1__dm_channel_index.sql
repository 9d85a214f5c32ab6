-- message-service's only table in the global database (history table: flyway_history_message):
-- finds the direct-message channel of a pair of users, and a user's direct-message channels.
-- The channel itself and its messages live in the shard of channel_id (ADR 064).
CREATE TABLE dm_channels (
    user_low   BIGINT      NOT NULL,
    user_high  BIGINT      NOT NULL,
    channel_id BIGINT      NOT NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_low, user_high),
    UNIQUE KEY uq_dm_channels_channel (channel_id),
    KEY idx_dm_channels_high (user_high, user_low)
) ENGINE = InnoDB;
