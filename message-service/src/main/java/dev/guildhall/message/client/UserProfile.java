package dev.guildhall.message.client;

/** A user's public profile as auth-service's {@code /internal/users} returns it. */
public record UserProfile(long userId, String username, String avatarUrl) {
}
