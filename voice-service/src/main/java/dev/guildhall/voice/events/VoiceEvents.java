package dev.guildhall.voice.events;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.event.Topics;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.voice.state.VoiceSession;
import dev.guildhall.voice.state.VoiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;

/**
 * Publishes voice events on {@code voice-events}, keyed by user id (ADR 282: one user's leave, join and move arrive in
 * the order they happened, even across channels): a
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

    /** The session's state changed (joined, flags, moderation), for everyone who can see its channel. */
    public void stateChanged(VoiceSession session) {
        publish(EventTypes.VOICE_STATE_UPDATE, session, VoiceState.of(session));
    }

    /** The user left the session's channel: the viewers of that channel hear of it. */
    public void left(VoiceSession session) {
        publish(EventTypes.VOICE_STATE_UPDATE, session, VoiceState.left(session));
    }

    /** The user's connection moved to another node (or channel): only they get the new token. */
    public void serverMoved(VoiceSession session, String endpoint, String voiceToken) {
        VoiceState state = VoiceState.of(session);
        publish(EventTypes.VOICE_SERVER_UPDATE, session, Map.of(
                "server_id", state.serverId(), "channel_id", state.channelId(), "user_id", state.userId(),
                "session_id", state.sessionId(), "endpoint", endpoint, "voice_token", voiceToken));
    }

    private void publish(String type, VoiceSession session, Object data) {
        long userId = session.userId();
        long channelId = session.channelId();
        EventEnvelope envelope = EventEnvelope.of(ids.next(), type, session.serverId(), channelId, userId,
                clock.instant(), data);
        try {
            kafka.send(Topics.VOICE_EVENTS, Long.toString(userId), json.writeValueAsString(envelope))
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
