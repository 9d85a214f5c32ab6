-- A user's group DMs (issue 11, ADR 199), for GET /users/@me/channels: written after the channel's shard rows,
-- so it may briefly miss a channel, never list one its user is not in for longer than a removal takes.
CREATE TABLE group_dm_members (
    user_id    BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, channel_id)
) ENGINE = InnoDB;
