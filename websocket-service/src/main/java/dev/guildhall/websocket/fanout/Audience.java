package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.SessionRegistry;

/**
 * Who may receive a dispatch. {@link #candidates} narrows the search through the registry's
 * indexes; {@link #includes} is the real check, evaluated per session at delivery time (and
 * again when a resuming session is matched against recent events).
 */
public interface Audience {

    Iterable<GatewaySession> candidates(SessionRegistry sessions);

    boolean includes(GatewaySession session);
}
