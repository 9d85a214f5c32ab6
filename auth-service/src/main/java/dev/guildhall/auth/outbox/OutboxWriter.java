package dev.guildhall.auth.outbox;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;

/**
 * Records an event in the outbox inside the caller's transaction, so the event exists exactly
 * when the change it describes was committed. {@link OutboxRelay} publishes it afterwards.
 */
@Component
public class OutboxWriter {

    private final OutboxRepository repository;
    private final SnowflakeGenerator ids;
    private final JsonMapper json;
    private final Clock clock;

    public OutboxWriter(OutboxRepository repository, SnowflakeGenerator ids, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /** @return the envelope as it will be published */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope append(String topic, String key, String type, String userId, Object data) {
        long eventId = ids.next();
        Instant now = clock.instant();
        EventEnvelope envelope = new EventEnvelope(Snowflake.format(eventId), type, null, null, userId, now, data);
        repository.insert(new OutboxEvent(eventId, topic, key, type, json.writeValueAsString(envelope), now, 0));
        return envelope;
    }
}
