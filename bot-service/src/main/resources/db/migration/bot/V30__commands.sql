-- Slash commands (ADR 168). server_id 0 is a global command of its application; a name is unique per
-- application and scope. options holds Discord's option objects as JSON (type, name, description,
-- required, choices).
CREATE TABLE bot_commands (
    command_id     BIGINT        NOT NULL,
    application_id BIGINT        NOT NULL,
    server_id      BIGINT        NOT NULL DEFAULT 0,
    name           VARCHAR(32)   NOT NULL,
    description    VARCHAR(100)  NOT NULL,
    options        MEDIUMTEXT    NOT NULL,
    version        BIGINT        NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    updated_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (command_id),
    UNIQUE KEY uk_bot_commands_name (application_id, server_id, name),
    KEY ix_bot_commands_server (server_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
