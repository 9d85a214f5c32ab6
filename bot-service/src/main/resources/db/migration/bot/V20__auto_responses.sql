-- Custom commands and auto-responses (issue 10, ADR 158). Times are UTC DATETIME(6).

-- one rule of one server: a trigger and what the server's system bot does when it matches
CREATE TABLE bot_auto_responses (
    auto_response_id BIGINT        NOT NULL,
    server_id        BIGINT        NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    -- prefix_command | keyword | regex
    trigger_type     VARCHAR(20)   NOT NULL,
    trigger_value    VARCHAR(500)  NOT NULL,
    case_sensitive   BOOLEAN       NOT NULL DEFAULT FALSE,
    -- the response object as the API shows it: {content, embed, reaction, delete_trigger, reply}
    response         TEXT          NOT NULL,
    -- JSON array of channel id strings; NULL = every channel of the server
    channel_ids      TEXT          NULL,
    enabled          BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by       BIGINT        NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (auto_response_id),
    KEY ix_bot_auto_responses_server (server_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- the install's one system bot user (ADR 159): the author of every auto-response; one row, id = 1
CREATE TABLE bot_system_user (
    id         TINYINT      NOT NULL,
    user_id    BIGINT       NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
