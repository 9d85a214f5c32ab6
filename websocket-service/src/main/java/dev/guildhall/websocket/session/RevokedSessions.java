package dev.guildhall.websocket.session;

import dev.guildhall.support.security.TokenRevocations;
import dev.guildhall.websocket.protocol.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the live sessions of a revoked access token (ADR 251): auth-service announces every revocation (logout, log
 * out everywhere, a password change) on Redis pub/sub, and each node closes the connections of this node's sessions
 * that identified or resumed with that token with 4004 {@code Authentication failed}, which Discord's clients (and
 * ours) treat as final: no RESUME, a new login. The session ends with the close, so a RESUME with the same token is
 * refused anyway (IDENTIFY and RESUME check revocations, ADR 208). A bot's
 * sessions (the Discord dialect's only kind) end the same way when bot-service resets the bot's token.
 */
public final class RevokedSessions {

    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

    private final SessionRegistry sessions;

    public RevokedSessions(SessionRegistry sessions, TokenRevocations revocations) {
        this.sessions = sessions;
        revocations.onRevoked(this::cut);
    }

    /** Closes the sessions {@code revoked} covers; runs on a Redis thread, closing is quick and thread-safe. */
    void cut(TokenRevocations.Revoked revoked) {
        long userId;
        try {
            userId = Long.parseLong(revoked.subject());
        } catch (NumberFormatException e) {
            return;
        }
        for (GatewaySession session : sessions.ofUser(userId)) {
            String tokenId = session.tokenId();
            // a bot's reset token ends every session of the bot user (a person's id is never a bot's)
            boolean covered = revoked.botToken()
                    || (tokenId != null && revoked.revokes(revoked.subject(), tokenId, session.tokenIssuedAt()));
            if (!covered) {
                continue;
            }
            GatewayConnection connection = session.connection();
            if (connection != null) {
                log.info("Session {} of user {} closed: its access token was revoked", session.id(), userId);
                connection.close(CloseCode.AUTHENTICATION_FAILED);
            }
        }
    }
}
