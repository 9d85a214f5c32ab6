package dev.guildhall.websocket.fanout;

import dev.guildhall.common.event.Topics;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Every event topic, read by this node's own consumer group from the latest offset: each node
 * sees every event and delivers it to its own sessions. Redeliveries are dropped by event id; an
 * event that fails to route is logged and skipped (one bad event must not stop the stream).
 */
public class EventConsumer {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    /** One line per dispatched event, with the trace id of the request that caused it (ADR 172); debug. */
    private static final Logger trace = LoggerFactory.getLogger("guildhall.trace.delivery");

    public static final String[] TOPICS = {Topics.MESSAGES, Topics.SERVER_EVENTS, Topics.VOICE_EVENTS,
            Topics.PRESENCE, Topics.USER_EVENTS, Topics.BOT_EVENTS};

    private final EventParser parser;
    private final EventDeduplicator dedupe;
    private final EventRouter router;
    private final WebsocketMetrics metrics;

    public EventConsumer(EventParser parser, EventDeduplicator dedupe, EventRouter router, WebsocketMetrics metrics) {
        this.parser = parser;
        this.dedupe = dedupe;
        this.router = router;
        this.metrics = metrics;
    }

    @KafkaListener(id = "gateway-fanout", containerFactory = "fanoutContainerFactory",
            topics = {Topics.MESSAGES, Topics.SERVER_EVENTS, Topics.VOICE_EVENTS, Topics.PRESENCE, Topics.USER_EVENTS,
                    Topics.BOT_EVENTS},
            groupId = "#{@nodeIdentity.consumerGroup()}")
    public void onEvent(ConsumerRecord<String, String> record) {
        InboundEvent event = parser.parse(record.topic(), record.value());
        if (event == null) {
            log.debug("skipping a record of {} that is not an event envelope", record.topic());
            return;
        }
        metrics.eventConsumed(record.topic());
        if (!dedupe.firstTime(event.eventId())) {
            metrics.duplicateEvent();
            return;
        }
        try {
            router.route(event);
            trace.debug("dispatched {} {} from {} to this node's sessions", event.type(), event.eventId(), record.topic());
        } catch (RuntimeException e) {
            log.error("routing {} {} failed", event.type(), event.eventId(), e);
        }
    }
}
