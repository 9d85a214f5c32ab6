package dev.guildhall.voice.events;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.voice.state.VoiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;

/**
 * Publishes voice events on {@code voice-events}, keyed by channel id (ADR 100): a
 * {@code VOICE_STATE_UPDATE} for everyone who can see the channel, a {@code VOICE_SERVER_UPDATE} for one
 * user whose connection moved. Voice states are live data kept in Redis, not rows: there is no outbox, a
 * failed publish is logged and the next change (or READY's voice states) corrects what clients see.
 */
@Component
public class VoiceEvents {

    private static final Logger log = LoggerFactory.getLogger(VoiceEvents.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final SnowflakeGenerator ids;
    private final Clock clock;

    public VoiceEvents(KafkaTemplate<String, String> kafka, JsonMapper json, SnowflakeGenerator ids, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code routingChannelId}: the channel whose viewers hear of it (the one left, for a leave). */
    public void stateChanged(VoiceState state, String routingChannelId) {
        publish(EventTypes.VOICE_STATE_UPDATE, Long.parseLong(state.serverId()), Long.parseLong(routingChannelId),
                Long.parseLong(state.userId()), state);
    }

    public void serverMoved(VoiceState state, String endpoint, String voiceToken) {
        publish(EventTypes.VOICE_SERVER_UPDATE, Long.parseLong(state.serverId()), Long.parseLong(state.channelId()),
                Long.parseLong(state.userId()), Map.of(
                "server_id", state.serverId(), "channel_id", state.channelId(), "user_id", state.userId(),
                "session_id", state.sessionId(), "endpoint", endpoint, "voice_token", voiceToken));
    }

    private void publish(String type, long serverId, long channelId, long userId, Object data) {
        EventEnvelope envelope = EventEnvelope.of(ids.next(), type, serverId, channelId, userId, clock.instant(), data);
        try {
            kafka.send(Topics.VOICE_EVENTS, envelope.channelId(), json.writeValueAsString(envelope))
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            log.warn("{} for user {} in channel {} not published: {}", type, userId, channelId,
                                    error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("{} for user {} in channel {} not published: {}", type, userId, channelId, e.toString());
        }
    }
}
