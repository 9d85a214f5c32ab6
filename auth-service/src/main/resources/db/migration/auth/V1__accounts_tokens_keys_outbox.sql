-- auth-service owns these tables in the global schema (history table: flyway_history_auth).
-- Times are UTC DATETIME(6), written and read as UTC by the application.

CREATE TABLE users (
    user_id       BIGINT        NOT NULL,
    username      VARCHAR(32)   NOT NULL,
    -- lower-cased username: uniqueness is case-insensitive
    username_key  VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    email         VARCHAR(254)  NOT NULL,
    -- lower-cased email
    email_key     VARCHAR(254)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    password_hash VARCHAR(255)  NOT NULL,
    avatar_url    VARCHAR(2048) NULL,
    created_at    DATETIME(6)   NOT NULL,
    updated_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE KEY uk_users_username_key (username_key),
    UNIQUE KEY uk_users_email_key (email_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one TOTP seed per user; pending until enabled_at is set by a verified code
CREATE TABLE user_totp (
    user_id        BIGINT       NOT NULL,
    secret_sealed  VARCHAR(512) NOT NULL,
    enabled_at     DATETIME(6)  NULL,
    -- last RFC 6238 time step accepted: a code is accepted only for a later step (no replay)
    last_used_step BIGINT       NULL,
    created_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_user_totp_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE user_recovery_codes (
    user_id    BIGINT      NOT NULL,
    -- SHA-256 of the normalized 80-bit code
    code_hash  BINARY(32)  NOT NULL,
    used_at    DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, code_hash),
    CONSTRAINT fk_user_recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- rotating refresh tokens; a family is one login session (ADR 014)
CREATE TABLE user_refresh_tokens (
    token_id      BIGINT      NOT NULL,
    user_id       BIGINT      NOT NULL,
    family_id     BIGINT      NOT NULL,
    token_hash    BINARY(32)  NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    revoked_at    DATETIME(6) NULL,
    revoke_reason VARCHAR(32) NULL,
    replaced_by   BIGINT      NULL,
    PRIMARY KEY (token_id),
    UNIQUE KEY uk_user_refresh_tokens_hash (token_hash),
    KEY ix_user_refresh_tokens_user (user_id),
    KEY ix_user_refresh_tokens_family (family_id),
    KEY ix_user_refresh_tokens_expires (expires_at),
    CONSTRAINT fk_user_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- the short-lived ticket between password and second factor
CREATE TABLE auth_mfa_tickets (
    ticket_hash BINARY(32)  NOT NULL,
    user_id     BIGINT      NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (ticket_hash),
    KEY ix_auth_mfa_tickets_expires (expires_at),
    CONSTRAINT fk_auth_mfa_tickets_user FOREIGN KEY (user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- RS256 signing keys (ADR 012, 013): published in the JWKS from created_at until retire_at
CREATE TABLE signing_keys (
    kid                VARCHAR(64) NOT NULL,
    algorithm          VARCHAR(16) NOT NULL,
    public_jwk         TEXT        NOT NULL,
    private_key_sealed TEXT        NOT NULL,
    created_at         DATETIME(6) NOT NULL,
    -- signs from activate_at until deactivate_at (NULL: until the next rotation)
    activate_at        DATETIME(6) NOT NULL,
    deactivate_at      DATETIME(6) NULL,
    -- leaves the JWKS at retire_at, when every token it signed has expired
    retire_at          DATETIME(6) NULL,
    PRIMARY KEY (kid),
    KEY ix_signing_keys_activate (activate_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- rows locked FOR UPDATE to serialize work across instances (first key, rotation)
CREATE TABLE auth_locks (
    lock_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (lock_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO auth_locks (lock_name) VALUES ('signing_keys');

-- transactional outbox of user-events (ADR 016)
CREATE TABLE auth_outbox (
    event_id   BIGINT        NOT NULL,
    topic      VARCHAR(128)  NOT NULL,
    event_key  VARCHAR(128)  NOT NULL,
    event_type VARCHAR(64)   NOT NULL,
    payload    MEDIUMTEXT    NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    sent_at    DATETIME(6)   NULL,
    attempts   INT           NOT NULL DEFAULT 0,
    last_error VARCHAR(512)  NULL,
    PRIMARY KEY (event_id),
    KEY ix_auth_outbox_unsent (sent_at, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
