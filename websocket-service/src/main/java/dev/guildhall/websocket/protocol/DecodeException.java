package dev.guildhall.websocket.protocol;

/** A client frame that is not valid gateway JSON (close 4002). */
public class DecodeException extends RuntimeException {

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
