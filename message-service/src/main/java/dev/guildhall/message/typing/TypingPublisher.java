package dev.guildhall.message.typing;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Typing notices are not stored and may be lost (STYLE "Events"): they go straight to Kafka from
 * one background thread, so a slow or absent broker never holds a request. When the queue is full
 * notices are dropped.
 */
@Component
class TypingPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TypingPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "typing-publisher");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    TypingPublisher(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void publish(EventEnvelope envelope) {
        String payload = json.writeValueAsString(envelope);
        executor.execute(() -> {
            try {
                kafka.send(Topics.MESSAGES, envelope.channelId(), payload);
            } catch (RuntimeException e) {
                log.debug("typing notice dropped: {}", e.toString());
            }
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
