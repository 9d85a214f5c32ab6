-- Rich and bot-made messages (issue 10, ADR 155). V3, not V2: V2 is taken by attachments (issue 11),
-- built at the same time; Flyway accepts the gap.
ALTER TABLE messages
    -- embeds in Discord's shape and message components, JSON as the API returns them; NULL when none
    ADD COLUMN embeds              MEDIUMTEXT   NULL,
    ADD COLUMN components          MEDIUMTEXT   NULL,
    -- set when a webhook wrote the message: author_id is then the webhook id, and the author's name and
    -- avatar are the ones the webhook gave for this message
    ADD COLUMN webhook_id          BIGINT       NULL,
    ADD COLUMN author_name         VARCHAR(80)  NULL,
    ADD COLUMN author_avatar_url   VARCHAR(2048) NULL,
    -- set when the message answers a slash command: which interaction, which command, who invoked it
    ADD COLUMN interaction_id      BIGINT       NULL,
    ADD COLUMN interaction_name    VARCHAR(100) NULL,
    ADD COLUMN interaction_user_id BIGINT       NULL;
