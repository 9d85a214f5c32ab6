package dev.guildhall.media.signalling;

import dev.guildhall.media.conference.Endpoint;
import dev.guildhall.media.conference.SignalChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One signalling WebSocket, as an endpoint sees it: {@code {op, d}} frames out, a close code at the end. */
final class SignalConnection implements SignalChannel {

    private static final Logger log = LoggerFactory.getLogger(SignalConnection.class);

    private final WebSocketSession session;
    private final JsonMapper json;
    private volatile Endpoint endpoint;
    private final long openedAt = System.currentTimeMillis();
    private volatile long lastSeen = openedAt;

    SignalConnection(WebSocketSession session, JsonMapper json) {
        this.session = session;
        this.json = json;
    }

    long openedAt() {
        return openedAt;
    }

    long lastSeen() {
        return lastSeen;
    }

    void seen() {
        lastSeen = System.currentTimeMillis();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void bind(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void send(String op, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("d", data);
        try {
            session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
        } catch (IOException | RuntimeException e) {
            log.debug("signalling send failed: {}", e.toString());
        }
    }

    @Override
    public void close(int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseStatus(code, reason));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("signalling close failed: {}", e.toString());
        }
    }
}
