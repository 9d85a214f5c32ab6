package dev.guildhall.server.user;

import dev.guildhall.common.id.Snowflake;

/** The user part of a member object; {@code username} is null when no source knew the user. */
public record UserSummary(String userId, String username, String avatarUrl) {

    public static UserSummary unknown(long userId) {
        return new UserSummary(Snowflake.format(userId), null, null);
    }
}
