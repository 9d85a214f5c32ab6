package dev.guildhall.auth.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.Topics;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.data.outbox.OutboxWriter;
import org.springframework.stereotype.Component;

/**
 * auth-service's outbox: {@code auth_outbox} in the global database, published to
 * {@code user-events} keyed by user id (ADR 016), written and relayed by service-data (ADR 123).
 */
@Component
public class UserOutbox {

    /** The table, as this service's migrations create it. */
    public static final OutboxTable TABLE =
            new OutboxTable("auth_outbox", "event_key", Topics.USER_EVENTS, OutboxTable.Scope.GLOBAL);

    private final OutboxWriter writer;
    private final GlobalDatabase database;

    public UserOutbox(OutboxWriter writer, GlobalDatabase database) {
        this.writer = writer;
        this.database = database;
    }

    /**
     * Records an event about a user inside the caller's transaction.
     *
     * @return the envelope as it will be published
     */
    public EventEnvelope append(String type, long userId, Object data) {
        return writer.append(TABLE, database.database(), userId, type, null, null, userId, data);
    }
}
