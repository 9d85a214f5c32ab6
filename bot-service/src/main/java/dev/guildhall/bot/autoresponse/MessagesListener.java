package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code messages} topic, read by bot-service's own consumer group (every instance shares it, so each
 * message is evaluated once; redeliveries are dropped on {@code event_id}). A new group starts at the latest
 * offset: messages sent before auto-responses ran are not answered late.
 */
@Component
class MessagesListener {

    private static final Logger log = LoggerFactory.getLogger(MessagesListener.class);

    private final AutoResponseEvaluator evaluator;
    private final JsonMapper json;

    MessagesListener(AutoResponseEvaluator evaluator, JsonMapper json) {
        this.evaluator = evaluator;
        this.json = json;
    }

    @KafkaListener(id = "bot-service-auto-responses", topics = Topics.MESSAGES,
            groupId = "${guildhall.auto-responses.consumer-group:bot-service.auto-responses}",
            autoStartup = "${guildhall.auto-responses.listen:true}",
            properties = "auto.offset.reset=latest")
    void onMessageEvent(ConsumerRecord<String, String> record) {
        try {
            evaluator.evaluate(json.readTree(record.value()));
        } catch (RuntimeException e) {
            // one bad event must not stop the topic: it is logged and skipped
            log.warn("auto-responses skipped an event at offset {}: {}", record.offset(), e.toString());
        }
    }
}
