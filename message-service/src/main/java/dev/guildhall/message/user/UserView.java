package dev.guildhall.message.user;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.message.client.UserProfile;

/**
 * A user as messages show them ({@code author}, reaction users, DM recipients). When auth-service
 * cannot be reached the id is still right and {@code username}/{@code avatar_url} are null.
 */
public record UserView(String userId, String username, String avatarUrl) {

    static UserView of(UserProfile profile) {
        return new UserView(Snowflake.format(profile.userId()), profile.username(), profile.avatarUrl());
    }

    static UserView unknown(long userId) {
        return new UserView(Snowflake.format(userId), null, null);
    }
}
