package dev.guildhall.bot.webhook;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deleted channel or server takes its webhooks with it (ADR 156): {@code server-events} CHANNEL_DELETE and
 * SERVER_DELETE, consumed by one group for the whole fleet from the earliest unread offset, so a delete made
 * while bot-service was down is applied when it comes back. Deleting rows that are already gone changes
 * nothing, so a redelivered event (at-least-once) is harmless without remembering event ids.
 */
@Component
class WebhookCleanup {

    private static final Logger log = LoggerFactory.getLogger(WebhookCleanup.class);

    private final WebhookRepository webhooks;
    private final JsonMapper json;

    WebhookCleanup(WebhookRepository webhooks, JsonMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    @KafkaListener(id = "bot-service-webhook-cleanup", topics = Topics.SERVER_EVENTS, groupId = "bot-service.webhooks",
            autoStartup = "${guildhall.bot.webhooks.cleanup:true}", properties = "auto.offset.reset=earliest")
    void onServerEvent(ConsumerRecord<String, String> record) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (RuntimeException e) {
            log.debug("unreadable server-event: {}", e.toString());
            return;
        }
        String type = event.path("type").asString("");
        if (EventTypes.CHANNEL_DELETE.equals(type)) {
            Long channelId = id(event.path("channel_id"), event.path("data").path("channel_id"));
            if (channelId != null) {
                int removed = webhooks.deleteInChannel(channelId);
                log.debug("channel {} deleted: {} webhooks removed", channelId, removed);
            }
        } else if (EventTypes.SERVER_DELETE.equals(type)) {
            Long serverId = id(event.path("server_id"), event.path("data").path("server_id"));
            if (serverId != null) {
                int removed = webhooks.deleteInServer(serverId);
                log.debug("server {} deleted: {} webhooks removed", serverId, removed);
            }
        }
    }

    private static Long id(JsonNode first, JsonNode second) {
        for (JsonNode node : new JsonNode[] {first, second}) {
            if (node != null && !node.isNull() && !node.isMissingNode() && !node.asString("").isEmpty()) {
                try {
                    return Long.parseLong(node.asString());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
