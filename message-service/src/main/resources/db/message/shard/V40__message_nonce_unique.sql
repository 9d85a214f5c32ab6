-- A durable guard for nonces (issue 13, ADR 246): one message per (channel, author, nonce), so a retried send
-- whose Redis claim timed out or was skipped (Redis slow or down) answers the first message instead of storing
-- a second. NULL nonces are not compared (InnoDB allows any number of NULLs in a unique key).
-- Duplicates written before this guard keep their rows; all but the first of each lose the nonce, or the key
-- could not be built.
UPDATE messages m
    JOIN (SELECT channel_id, author_id, nonce, MIN(message_id) AS first_id
          FROM messages
          WHERE nonce IS NOT NULL
          GROUP BY channel_id, author_id, nonce
          HAVING COUNT(*) > 1) d
      ON m.channel_id = d.channel_id AND m.author_id = d.author_id AND m.nonce = d.nonce
SET m.nonce = NULL
WHERE m.message_id <> d.first_id;

ALTER TABLE messages ADD UNIQUE KEY uq_messages_nonce (channel_id, author_id, nonce);
