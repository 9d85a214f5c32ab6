package dev.guildhall.websocket.support;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.infra.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes event envelopes as the owning services' outbox relays would. */
public final class Events implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final KafkaProducer<String, String> producer;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public Events() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    public static String newEventId() {
        return Long.toString(IDS.incrementAndGet());
    }

    /** Publishes and waits for the broker's acknowledgement; returns the event id. */
    public String publish(String topic, String key, String type, Long serverId, Long channelId, Long userId, Object data) {
        String eventId = newEventId();
        publishWithId(topic, key, eventId, type, serverId, channelId, userId, data);
        return eventId;
    }

    public void publishWithId(String topic, String key, String eventId, String type, Long serverId, Long channelId,
                              Long userId, Object data) {
        publish(topic, key, new EventEnvelope(eventId, type, str(serverId), str(channelId), str(userId),
                Instant.now(), data));
    }

    /** Publishes a whole envelope (e.g. a DM's, with its recipients) and waits for the acknowledgement. */
    public void publish(String topic, String key, EventEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(topic, key, mapper.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A MESSAGE_CREATE on {@code messages}, keyed by {@code key} (the channel, unless told otherwise). */
    public String message(long serverId, long channelId, long authorId, String content, String key) {
        return publish("messages", key, "MESSAGE_CREATE", serverId, channelId, authorId, Map.of(
                "message_id", newEventId(), "channel_id", Long.toString(channelId), "server_id", Long.toString(serverId),
                "user_id", Long.toString(authorId), "content", content));
    }

    public String message(long serverId, long channelId, long authorId, String content) {
        return message(serverId, channelId, authorId, content, Long.toString(channelId));
    }

    private static String str(Long id) {
        return id == null ? null : Long.toString(id);
    }

    @Override
    public void close() {
        producer.close();
    }
}
