-- Group DMs (issue 11, ADR 199): a direct-message channel of 3 to 10 people, with a name and an owner, in the
-- shard of its channel_id like a 1:1 DM. Who may read it is exactly the rows of message_group_dm_recipients
-- (the owner included); a user's list of group DMs is group_dm_members in the global database.
CREATE TABLE message_group_dms (
    channel_id BIGINT       NOT NULL,
    owner_id   BIGINT       NOT NULL,
    -- NULL: clients show the recipients' names
    name       VARCHAR(100) NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (channel_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE message_group_dm_recipients (
    channel_id BIGINT      NOT NULL,
    user_id    BIGINT      NOT NULL,
    added_at   DATETIME(3) NOT NULL,
    PRIMARY KEY (channel_id, user_id)
) ENGINE = InnoDB;
