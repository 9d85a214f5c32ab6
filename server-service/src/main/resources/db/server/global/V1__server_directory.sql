-- server-service's cross-server indexes in the global database (history table: flyway_history_server).
-- auth-service and bot-service keep their own tables here; these names are server-service's.

-- "which servers am I in": written before the shard commit, verified against the shard on read (ADR 022)
CREATE TABLE user_servers (
    user_id   BIGINT      NOT NULL,
    server_id BIGINT      NOT NULL,
    joined_at DATETIME(3) NOT NULL,
    PRIMARY KEY (user_id, server_id),
    KEY idx_user_servers_server (server_id)
) ENGINE = InnoDB;

-- which server (and so which shard) a channel id belongs to
CREATE TABLE channel_directory (
    channel_id BIGINT NOT NULL,
    server_id  BIGINT NOT NULL,
    PRIMARY KEY (channel_id),
    KEY idx_channel_directory_server (server_id)
) ENGINE = InnoDB;

-- which server an invite code belongs to
CREATE TABLE invite_directory (
    code      VARCHAR(16) NOT NULL,
    server_id BIGINT      NOT NULL,
    PRIMARY KEY (code),
    KEY idx_invite_directory_server (server_id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

-- read model of auth-service's users (fed by user-events), for member objects
CREATE TABLE server_user_profiles (
    user_id    BIGINT        NOT NULL,
    username   VARCHAR(64)   NULL,
    avatar_url VARCHAR(2048) NULL,
    updated_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
