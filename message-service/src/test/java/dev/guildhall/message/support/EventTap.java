package dev.guildhall.message.support;

import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads the {@code messages} topic from the beginning and keeps every record, for assertions. */
public final class EventTap implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param receivedNanos when the tap read it ({@link System#nanoTime()}) */
    public record Event(String key, int partition, long offset, JsonNode envelope, long receivedNanos) {

        public String type() {
            return envelope.path("type").asString();
        }

        public JsonNode data() {
            return envelope.path("data");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> events = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public EventTap(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-tap-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.MESSAGES));
        thread = new Thread(this::poll, "event-tap");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    Event event = new Event(r.key(), r.partition(), r.offset(), JSON.readTree(r.value()),
                            System.nanoTime());
                    synchronized (events) {
                        events.add(event);
                        events.notifyAll();
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Events keyed by this channel, in topic order, once at least {@code count} have arrived. */
    public List<Event> await(String channelId, int count, Duration timeout) throws InterruptedException {
        return await(e -> channelId.equals(e.key()), count, timeout);
    }

    public List<Event> await(Predicate<Event> filter, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                List<Event> matching = events.stream().filter(filter).toList();
                long left = deadline - System.nanoTime();
                if (matching.size() >= count || left <= 0) {
                    return matching;
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
