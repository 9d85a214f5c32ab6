package dev.guildhall.websocket.session;

/** IDENTIFY or RESUME with a token that does not verify (close 4004). */
public class AuthenticationFailedException extends RuntimeException {

    public AuthenticationFailedException(String message) {
        super(message, null, false, false);
    }
}
