-- service-data's relay (ADR 122, ADR 123) publishes every outbox in `seq` order, one leader at a
-- time; existing rows are numbered in event_id order. The topic is the table's (user-events), so
-- the column is no longer written.
ALTER TABLE auth_outbox
    ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT FIRST,
    ADD UNIQUE KEY uq_auth_outbox_seq (seq),
    MODIFY topic VARCHAR(128) NULL,
    DROP KEY ix_auth_outbox_unsent,
    ADD KEY ix_auth_outbox_unsent_seq (sent_at, seq);
