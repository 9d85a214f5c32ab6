package dev.guildhall.websocket.session;

import dev.guildhall.websocket.protocol.CloseCode;

/** A bot's IDENTIFY asked for intents it may not have: close 4013 or 4014 (ADR 167). */
public class IntentsRejectedException extends RuntimeException {

    private final CloseCode code;

    public IntentsRejectedException(CloseCode code) {
        super(code.reason(), null, false, false);
        this.code = code;
    }

    public CloseCode code() {
        return code;
    }
}
