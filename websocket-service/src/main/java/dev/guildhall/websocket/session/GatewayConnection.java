package dev.guildhall.websocket.session;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.CloseCode;
import dev.guildhall.websocket.protocol.DecodeException;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.protocol.InboundFrame;
import dev.guildhall.websocket.protocol.OpCode;
import dev.guildhall.websocket.protocol.OutboundFrame;
import dev.guildhall.websocket.session.SessionOperations.IdentifyRequest;
import dev.guildhall.websocket.session.SessionOperations.ResumeOutcome;
import dev.guildhall.websocket.session.SessionOperations.ResumeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One WebSocket: the opcode state machine. HELLO on open; IDENTIFY or RESUME within the identify
 * timeout (else 4003); once authenticated, heartbeats within interval × factor (else 4009); a fixed-window frame rate
 * limit (4008); unknown opcodes 4001, undecodable frames 4002, anything but HEARTBEAT before
 * authentication 4003, a second IDENTIFY/RESUME 4005, a bad token 4004.
 *
 * <p>Inbound calls arrive on the socket's event-loop thread, completions of identify/resume and
 * timeout checks on others: every state change holds this object's lock. {@link #deliver} is
 * called from fan-out threads and never takes it (it only touches the thread-safe transport).
 */
public final class GatewayConnection {

    private static final Logger log = LoggerFactory.getLogger(GatewayConnection.class);
    private static final Set<String> STATUSES = Set.of("online", "idle", "dnd", "invisible", "offline");

    enum State { AWAITING_IDENTIFY, IDENTIFYING, READY, CLOSED }

    private final ConnectionTransport transport;
    private final SessionOperations operations;
    private final FrameCodec codec;
    private final ConnectionSettings settings;
    private final LongSupplier clock;
    private final WebsocketMetrics metrics;
    private final AtomicBoolean overflowed = new AtomicBoolean();

    private State state = State.AWAITING_IDENTIFY;
    private GatewaySession session;
    private long stateSince;
    private long lastHeartbeat;
    private long windowStart;
    private int windowFrames;

    public GatewayConnection(ConnectionTransport transport, SessionOperations operations, FrameCodec codec,
                             ConnectionSettings settings, LongSupplier clock, WebsocketMetrics metrics) {
        this.transport = transport;
        this.operations = operations;
        this.codec = codec;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Sends HELLO and starts the identify and heartbeat clocks. */
    public synchronized void open() {
        if (state == State.CLOSED) {
            return; // sent on (op 7) by a draining node before it was opened
        }
        long now = clock.getAsLong();
        stateSince = now;
        lastHeartbeat = now;
        windowStart = now;
        send(codec.hello(settings.heartbeatIntervalMillis()));
    }

    public synchronized void onMessage(byte[] payload) {
        if (state == State.CLOSED) {
            return;
        }
        if (!withinRateLimit()) {
            close(CloseCode.RATE_LIMITED);
            return;
        }
        InboundFrame frame;
        try {
            frame = codec.decode(payload);
        } catch (DecodeException e) {
            close(CloseCode.DECODE_ERROR);
            return;
        }
        try {
            switch (frame.op()) {
                case OpCode.HEARTBEAT -> onHeartbeat(frame.d());
                case OpCode.IDENTIFY -> onIdentify(frame.d());
                case OpCode.RESUME -> onResume(frame.d());
                case OpCode.PRESENCE_UPDATE -> onPresence(frame.d());
                default -> close(CloseCode.UNKNOWN_OPCODE);
            }
        } catch (DecodeException e) {
            close(CloseCode.DECODE_ERROR);
        }
    }

    private void onHeartbeat(JsonNode d) {
        // d is the last sequence number received, or null: anything else is a decode error, as at Discord
        if (!d.isMissingNode() && !d.isNull() && !(d.isIntegralNumber() && d.canConvertToLong() && d.asLong() >= 0)) {
            throw new DecodeException("heartbeat d must be a sequence number or null");
        }
        lastHeartbeat = clock.getAsLong();
        send(codec.heartbeatAck());
        if (session != null) {
            operations.heartbeat(session, d.isIntegralNumber() ? d.asLong() : -1);
        }
    }

    private void onIdentify(JsonNode d) {
        if (state != State.AWAITING_IDENTIFY) {
            close(CloseCode.ALREADY_AUTHENTICATED);
            return;
        }
        String token = requiredString(d, "token");
        JsonNode intents = d.get("intents");
        if (intents != null && !intents.isNull() && !intents.isIntegralNumber()) {
            throw new DecodeException("intents must be an integer");
        }
        String status = "online";
        JsonNode presence = d.get("presence");
        if (presence != null && presence.isObject() && presence.path("status").isString()
                && STATUSES.contains(presence.path("status").stringValue())) {
            status = normalize(presence.path("status").stringValue());
        }
        boolean given = intents != null && !intents.isNull();
        if (given && (!intents.canConvertToLong() || Intents.invalid(intents.asLong()))) {
            // negative, beyond 64 bits or bits Discord does not define: 4013 for every session, as at Discord
            close(CloseCode.INVALID_INTENTS);
            return;
        }
        IdentifyRequest request = new IdentifyRequest(token, given ? new Intents(intents.asLong()) : Intents.ALL,
                d.path("properties"), status, given);
        enter(State.IDENTIFYING);
        operations.identify(this, request).subscribe(this::onAuthenticated, this::onAuthenticationError);
    }

    private void onResume(JsonNode d) {
        if (state != State.AWAITING_IDENTIFY) {
            close(CloseCode.ALREADY_AUTHENTICATED);
            return;
        }
        String token = requiredString(d, "token");
        String sessionId = requiredString(d, "session_id");
        JsonNode seq = d.get("seq");
        if (seq == null || !seq.isIntegralNumber() || seq.asLong() < 0) {
            throw new DecodeException("seq must be a non-negative integer");
        }
        enter(State.IDENTIFYING);
        operations.resume(this, new ResumeRequest(token, sessionId, seq.asLong()))
                .subscribe(this::onResumeOutcome, this::onAuthenticationError);
    }

    private void onPresence(JsonNode d) {
        if (state != State.READY) {
            close(CloseCode.NOT_AUTHENTICATED);
            return;
        }
        if (!d.isObject()) {
            throw new DecodeException("presence must be an object");
        }
        JsonNode status = d.path("status");
        if (status.isString() && STATUSES.contains(status.stringValue())) {
            operations.presence(session, normalize(status.stringValue()));
        }
    }

    private synchronized void onAuthenticated(GatewaySession authenticated) {
        if (state == State.CLOSED) {
            // the client left while READY was being built
            operations.connectionLost(authenticated, this, true);
            return;
        }
        session = authenticated;
        lastHeartbeat = clock.getAsLong();
        enter(State.READY);
    }

    private synchronized void onResumeOutcome(ResumeOutcome outcome) {
        if (outcome instanceof ResumeOutcome.Resumed resumed) {
            onAuthenticated(resumed.session());
        } else if (outcome instanceof ResumeOutcome.InvalidSeq) {
            close(CloseCode.INVALID_SEQ);
        } else if (state != State.CLOSED) {
            send(codec.invalidSession(false));
            enter(State.AWAITING_IDENTIFY);
        }
    }

    private synchronized void onAuthenticationError(Throwable error) {
        if (error instanceof AuthenticationFailedException) {
            close(CloseCode.AUTHENTICATION_FAILED);
        } else if (error instanceof IntentsRejectedException rejected) {
            close(rejected.code());
        } else {
            log.warn("identify/resume failed", error);
            close(CloseCode.UNKNOWN_ERROR);
        }
    }

    /** Queues a frame from fan-out; a client too slow to drain its queue is closed (resumable). */
    public void deliver(OutboundFrame frame) {
        if (!transport.offer(frame) && overflowed.compareAndSet(false, true)) {
            metrics.slowConsumerClosed();
            transport.close(CloseCode.UNKNOWN_ERROR.code(), "Send queue overflow", false);
        }
    }

    /** Zombie and identify timeouts; called periodically by the sweeper. */
    public synchronized void checkTimeouts(long now) {
        switch (state) {
            case AWAITING_IDENTIFY -> {
                if (now - stateSince > settings.identifyTimeoutMillis()) {
                    close(CloseCode.NOT_AUTHENTICATED);
                    return;
                }
            }
            case IDENTIFYING -> {
                if (now - stateSince > settings.identifyTimeoutMillis()) {
                    close(CloseCode.UNKNOWN_ERROR);
                    return;
                }
            }
            default -> { }
        }
        if (state == State.READY && now - lastHeartbeat > settings.heartbeatTimeoutMillis()) {
            close(CloseCode.SESSION_TIMED_OUT);
        }
    }

    /** Asks the client to reconnect and resume elsewhere (this node is shutting down). */
    public synchronized void reconnect() {
        if (state != State.CLOSED) {
            send(codec.reconnect());
            close(CloseCode.UNKNOWN_ERROR);
        }
    }

    /** Server-side close with a gateway code; the session survives if the code is resumable. */
    public synchronized void close(CloseCode code) {
        if (state == State.CLOSED) {
            return;
        }
        enter(State.CLOSED);
        metrics.closed(code.code());
        transport.close(code.code(), code.reason(), true);
        releaseSession(code.resumable());
    }

    /** The socket closed under us (client close, network, or our own overflow close). */
    public synchronized void onTransportClosed(int clientCode) {
        if (state == State.CLOSED) {
            return;
        }
        enter(State.CLOSED);
        // Discord: a client closing with 1000/1001 ends its session; anything else may resume
        boolean resumable = overflowed.get() || (clientCode != 1000 && clientCode != 1001);
        releaseSession(resumable);
    }

    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    public synchronized GatewaySession session() {
        return session;
    }

    synchronized State state() {
        return state;
    }

    private void releaseSession(boolean resumable) {
        GatewaySession s = session;
        session = null;
        if (s != null) {
            operations.connectionLost(s, this, resumable);
        }
    }

    private void enter(State next) {
        state = next;
        stateSince = clock.getAsLong();
    }

    private void send(byte[] json) {
        deliver(new OutboundFrame.Raw(json));
    }

    private boolean withinRateLimit() {
        long now = clock.getAsLong();
        if (now - windowStart >= settings.rateLimitWindowMillis()) {
            windowStart = now;
            windowFrames = 0;
        }
        return ++windowFrames <= settings.rateLimitFrames();
    }

    private static String requiredString(JsonNode d, String field) {
        if (!d.isObject() || !d.path(field).isString() || d.path(field).stringValue().isBlank()) {
            throw new DecodeException(field + " is required");
        }
        return d.path(field).stringValue();
    }

    /** Discord accepts "offline" from a client as "invisible". */
    private static String normalize(String status) {
        return "offline".equals(status) ? "invisible" : status;
    }
}
