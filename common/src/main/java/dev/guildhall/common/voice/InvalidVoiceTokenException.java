package dev.guildhall.common.voice;

/** A voice token that is malformed, forged, expired or not for this node. */
public class InvalidVoiceTokenException extends Exception {

    public InvalidVoiceTokenException(String message) {
        super(message);
    }

    public InvalidVoiceTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
