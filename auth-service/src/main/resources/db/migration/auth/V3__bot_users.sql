-- Bot users (issue 10, ADR 150): created by bot-service through /internal/bot-users, never by
-- registration. They have no email and no password: login answers them as a wrong password.
ALTER TABLE users
    ADD COLUMN bot BOOLEAN NOT NULL DEFAULT FALSE AFTER avatar_url,
    MODIFY email         VARCHAR(254) NULL,
    MODIFY email_key     VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY password_hash VARCHAR(255) NULL;
