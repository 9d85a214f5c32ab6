package dev.guildhall.message.client;

/** A user's public profile as auth-service's {@code /internal/users} returns it ({@code bot} for bot users). */
public record UserProfile(long userId, String username, String avatarUrl, boolean bot) {
}
