-- Managed roles (issue 10, ADR 153): the role a bot gets when it is added to a server. Changed only
-- by adding or removing its bot; managed_by is that bot's user id (NULL for every ordinary role).
ALTER TABLE roles ADD COLUMN managed_by BIGINT NULL AFTER mentionable;
