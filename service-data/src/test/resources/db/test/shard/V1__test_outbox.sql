-- an outbox shaped like every service's (OutboxTable), and a table to provoke deadlocks on
CREATE TABLE test_outbox (
    seq        BIGINT      NOT NULL AUTO_INCREMENT,
    event_id   BIGINT      NOT NULL,
    item_id    BIGINT      NOT NULL,
    event_type VARCHAR(40) NOT NULL,
    payload    MEDIUMTEXT  NOT NULL,
    created_at DATETIME(3) NOT NULL,
    sent_at    DATETIME(3) NULL,
    PRIMARY KEY (seq),
    KEY idx_test_outbox_unsent (sent_at, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE test_counter (
    id BIGINT NOT NULL,
    n  INT    NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

INSERT INTO test_counter (id, n) VALUES (1, 0), (2, 0);
