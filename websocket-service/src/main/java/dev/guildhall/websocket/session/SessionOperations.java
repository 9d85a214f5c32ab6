package dev.guildhall.websocket.session;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What a connection asks of the rest of the node. The opcode state machine in {@link
 * GatewayConnection} knows nothing about tokens, Redis or Kafka; tests drive it with a fake.
 */
public interface SessionOperations {

    /**
     * Verifies the token, builds and queues READY (s = 1) on the connection, registers the
     * session for fan-out. Fails with {@link AuthenticationFailedException} for a bad token.
     */
    Mono<GatewaySession> identify(GatewayConnection connection, IdentifyRequest request);

    /**
     * Continues a session: replays what it missed, queues RESUMED. Fails with {@link
     * AuthenticationFailedException} for a bad token.
     */
    Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request);

    /** A heartbeat; {@code ackedSeq} is the client's last seen {@code s}, or -1. */
    void heartbeat(GatewaySession session, long ackedSeq);

    void presence(GatewaySession session, String status);

    /** The socket is gone. A resumable session is kept for its window, any other ends now. */
    void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable);

    /** {@code intentsGiven}: whether IDENTIFY had {@code intents} at all ({@link Intents#ALL} stands in when not). */
    record IdentifyRequest(String token, Intents intents, JsonNode properties, String status, boolean intentsGiven) {
    }

    record ResumeRequest(String token, String sessionId, long seq) {
    }

    sealed interface ResumeOutcome {
        record Resumed(GatewaySession session) implements ResumeOutcome {
        }

        /** Unknown, expired or unrecoverable session: op 9, d=false. */
        record Invalid() implements ResumeOutcome {
        }

        /** The client claims a sequence the session never reached: close 4007. */
        record InvalidSeq() implements ResumeOutcome {
        }
    }
}
