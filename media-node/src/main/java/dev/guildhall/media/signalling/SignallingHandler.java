package dev.guildhall.media.signalling;

import dev.guildhall.common.voice.InvalidVoiceTokenException;
import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.media.conference.Conference;
import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.conference.Endpoint;
import dev.guildhall.media.conference.SignalCloseCodes;
import dev.guildhall.media.config.MediaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jakarta.annotation.PreDestroy;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signalling WebSocket (DESIGN "Voice, video, screen share" step 3). The first frame must be
 * {@code identify {voice_token}}: a token for this node, for an allocated endpoint of the channel's
 * conference, not expired. Then the node offers; the client answers and may trickle candidates.
 */
@Component
public class SignallingHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignallingHandler.class);
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT = 1024 * 1024;

    private final ConferenceRegistry registry;
    private final VoiceTokens tokens;
    private final MediaProperties properties;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, SignalConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signal-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** A client must identify within this long after connecting. */
    static final long IDENTIFY_TIMEOUT_MS = 10_000;
    /** A client that sends nothing (not even a heartbeat) for this long is gone. */
    static final long IDLE_TIMEOUT_MS = 60_000;

    public SignallingHandler(ConferenceRegistry registry, VoiceTokens tokens, MediaProperties properties, JsonMapper json) {
        this.registry = registry;
        this.tokens = tokens;
        this.properties = properties;
        this.json = json;
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        for (SignalConnection c : connections.values()) {
            if (c.endpoint() == null && now - c.openedAt() > IDENTIFY_TIMEOUT_MS) {
                c.close(SignalCloseCodes.NOT_IDENTIFIED, "identify timed out");
            } else if (now - c.lastSeen() > IDLE_TIMEOUT_MS) {
                c.close(SignalCloseCodes.TIMEOUT, "no heartbeat");
            }
        }
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT);
        connections.put(session.getId(), new SignalConnection(safe, json));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        SignalConnection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        connection.seen();
        String op;
        JsonNode d;
        try {
            JsonNode frame = json.readTree(message.getPayload());
            op = frame.path("op").asString("");
            d = frame.path("d");
        } catch (JacksonException e) {
            connection.close(SignalCloseCodes.BAD_FRAME, "frames are JSON {op, d}");
            return;
        }
        if (!op.equals("identify") && !op.equals("heartbeat") && connection.endpoint() == null) {
            connection.close(SignalCloseCodes.NOT_IDENTIFIED, "identify first");
            return;
        }
        switch (op) {
            case "identify" -> identify(connection, d.path("voice_token").asString(""));
            case "heartbeat" -> connection.send("heartbeat_ack", d.isMissingNode() ? null : d);
            case "answer" -> {
                try {
                    connection.endpoint().onAnswer(connection, d.path("sdp").asString(""));
                } catch (RuntimeException e) {
                    log.info("unusable answer from {}: {}", connection.endpoint().id(), e.getMessage());
                    connection.close(SignalCloseCodes.BAD_SDP, truncate("bad answer: " + e.getMessage()));
                }
            }
            case "candidate" -> connection.endpoint().onCandidate(connection, d.path("candidate").asString(""));
            default -> connection.close(SignalCloseCodes.BAD_FRAME, truncate("unknown op " + op));
        }
    }

    private void identify(SignalConnection connection, String token) {
        if (connection.endpoint() != null) {
            connection.close(SignalCloseCodes.ALREADY_IDENTIFIED, "already identified");
            return;
        }
        VoiceTokenClaims claims;
        try {
            claims = tokens.verify(token, clock.instant());
        } catch (InvalidVoiceTokenException e) {
            connection.close(SignalCloseCodes.INVALID_TOKEN, "invalid voice token: " + e.getMessage());
            return;
        }
        if (!properties.nodeId().equals(claims.nodeId())) {
            connection.close(SignalCloseCodes.INVALID_TOKEN, "invalid voice token: issued for another media node");
            return;
        }
        Conference conference = registry.find(claims.channelId())
                .or(() -> registry.all().stream().filter(c -> claims.channelId().equals(c.channelId())).findFirst())
                .orElse(null);
        Endpoint endpoint = conference == null ? null : conference.endpoint(claims.sessionId());
        if (endpoint == null || !endpoint.userId().equals(claims.userId())) {
            connection.close(SignalCloseCodes.UNKNOWN_SESSION, "no such voice session on this node");
            return;
        }
        connection.bind(endpoint);
        endpoint.attach(connection);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        SignalConnection connection = connections.remove(session.getId());
        if (connection != null && connection.endpoint() != null) {
            connection.endpoint().detach(connection);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("signalling transport error: {}", exception.toString());
    }

    private static String truncate(String reason) {
        return reason.length() > 120 ? reason.substring(0, 120) : reason;
    }
}
