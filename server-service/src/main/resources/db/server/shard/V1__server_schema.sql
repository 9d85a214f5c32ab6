-- server-service tables in every shard database (history table: flyway_history_server).
-- message-service shares these databases with its own tables; names here are server-service's.
-- Times are UTC DATETIME(3); ids are snowflakes.

CREATE TABLE servers (
    server_id    BIGINT        NOT NULL,
    server_name  VARCHAR(100)  NOT NULL,
    owner_id     BIGINT        NOT NULL,
    icon_url     VARCHAR(2048) NULL,
    member_count INT           NOT NULL DEFAULT 0,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (server_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE channels (
    channel_id   BIGINT       NOT NULL,
    server_id    BIGINT       NOT NULL,
    channel_name VARCHAR(100) NOT NULL,
    channel_type VARCHAR(16)  NOT NULL,
    parent_id    BIGINT       NULL,
    position     INT          NOT NULL DEFAULT 0,
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (channel_id),
    KEY idx_channels_server (server_id, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE roles (
    role_id     BIGINT       NOT NULL,
    server_id   BIGINT       NOT NULL,
    name        VARCHAR(100) NOT NULL,
    permissions BIGINT       NOT NULL,
    color       INT          NOT NULL DEFAULT 0,
    position    INT          NOT NULL,
    hoist       BOOLEAN      NOT NULL DEFAULT FALSE,
    mentionable BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (role_id),
    KEY idx_roles_server (server_id, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE server_members (
    server_id BIGINT      NOT NULL,
    user_id   BIGINT      NOT NULL,
    nick      VARCHAR(32) NULL,
    joined_at DATETIME(3) NOT NULL,
    PRIMARY KEY (server_id, user_id),
    KEY idx_server_members_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE member_roles (
    server_id BIGINT NOT NULL,
    user_id   BIGINT NOT NULL,
    role_id   BIGINT NOT NULL,
    PRIMARY KEY (server_id, user_id, role_id),
    KEY idx_member_roles_role (server_id, role_id)
) ENGINE = InnoDB;

CREATE TABLE permission_overwrites (
    channel_id  BIGINT     NOT NULL,
    target_id   BIGINT     NOT NULL,
    server_id   BIGINT     NOT NULL,
    target_type VARCHAR(8) NOT NULL,
    allow_bits  BIGINT     NOT NULL DEFAULT 0,
    deny_bits   BIGINT     NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, target_id),
    KEY idx_overwrites_server (server_id),
    KEY idx_overwrites_target (server_id, target_id)
) ENGINE = InnoDB;

CREATE TABLE invites (
    code       VARCHAR(16) NOT NULL,
    server_id  BIGINT      NOT NULL,
    channel_id BIGINT      NOT NULL,
    inviter_id BIGINT      NOT NULL,
    max_age    INT         NOT NULL,
    max_uses   INT         NOT NULL,
    uses       INT         NOT NULL DEFAULT 0,
    created_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NULL,
    PRIMARY KEY (code),
    KEY idx_invites_server (server_id),
    KEY idx_invites_channel (channel_id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

CREATE TABLE bans (
    server_id  BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    reason     VARCHAR(512) NULL,
    banned_by  BIGINT       NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (server_id, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE audit_log (
    entry_id    BIGINT       NOT NULL,
    server_id   BIGINT       NOT NULL,
    actor_id    BIGINT       NOT NULL,
    action_type VARCHAR(40)  NOT NULL,
    target_id   BIGINT       NULL,
    before_json MEDIUMTEXT   NULL,
    after_json  MEDIUMTEXT   NULL,
    reason      VARCHAR(512) NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (entry_id),
    KEY idx_audit_server (server_id, entry_id),
    KEY idx_audit_server_actor (server_id, actor_id, entry_id),
    KEY idx_audit_server_action (server_id, action_type, entry_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- transactional outbox: written in the same transaction as the change, published by OutboxRelay
CREATE TABLE server_outbox (
    seq        BIGINT      NOT NULL AUTO_INCREMENT,
    event_id   BIGINT      NOT NULL,
    server_id  BIGINT      NOT NULL,
    event_type VARCHAR(40) NOT NULL,
    payload    MEDIUMTEXT  NOT NULL,
    created_at DATETIME(3) NOT NULL,
    sent_at    DATETIME(3) NULL,
    PRIMARY KEY (seq),
    KEY idx_server_outbox_unsent (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
