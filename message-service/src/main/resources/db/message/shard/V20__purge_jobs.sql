-- Content deletion (issue 11, ADR 198): one durable job per deleted message (its files, after a grace
-- period), channel or server (all of its content), in the shard that holds that content. A worker
-- deletes in batches and records progress here, so a job interrupted by a crash is picked up again.
CREATE TABLE message_purge_jobs (
    job_id          BIGINT      NOT NULL,
    -- MESSAGE (target = message id), CHANNEL (target = channel id) or SERVER (target = server id)
    scope           VARCHAR(16) CHARACTER SET ascii NOT NULL,
    target_id       BIGINT      NOT NULL,
    channel_id      BIGINT      NULL,
    server_id       BIGINT      NULL,
    -- who deleted the message, channel or server (0 when unknown)
    actor_id        BIGINT      NOT NULL,
    -- not worked on before this (the grace period of a deleted message's files)
    not_before      DATETIME(3) NOT NULL,
    -- the instance working on it holds it until this; a crashed instance's job is taken over after it
    leased_until    DATETIME(3) NULL,
    rows_removed    BIGINT      NOT NULL DEFAULT 0,
    objects_removed BIGINT      NOT NULL DEFAULT 0,
    created_at      DATETIME(3) NOT NULL,
    finished_at     DATETIME(3) NULL,
    PRIMARY KEY (job_id),
    -- a redelivered deletion event finds its job instead of making a second one
    UNIQUE KEY uq_message_purge_jobs_target (scope, target_id),
    KEY idx_message_purge_jobs_due (finished_at, not_before)
) ENGINE = InnoDB;

-- a channel's or server's read states are deleted with its content: find them without a full scan
ALTER TABLE read_states
    ADD KEY idx_read_states_channel (channel_id),
    ADD KEY idx_read_states_server (server_id);
