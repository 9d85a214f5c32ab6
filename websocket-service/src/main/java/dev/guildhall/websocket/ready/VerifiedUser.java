package dev.guildhall.websocket.ready;

/** The identity a verified access token carries; {@code username} is informational only. */
public record VerifiedUser(long userId, String username) {
}
