package dev.guildhall.message.user;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.message.client.UserProfile;

/**
 * A user as messages show them ({@code author}, reaction users, DM recipients). When auth-service
 * cannot be reached the id is still right, {@code username}/{@code avatar_url} are null and
 * {@code bot} is false. A webhook's messages show the webhook as a bot author ({@link #webhook}).
 */
public record UserView(String userId, String username, String avatarUrl, boolean bot) {

    static UserView of(UserProfile profile) {
        return new UserView(Snowflake.format(profile.userId()), profile.username(), profile.avatarUrl(), profile.bot());
    }

    static UserView unknown(long userId) {
        return new UserView(Snowflake.format(userId), null, null, false);
    }

    /** The author of a webhook's message: the webhook, named as it asked for this message. */
    public static UserView webhook(long webhookId, String name, String avatarUrl) {
        return new UserView(Snowflake.format(webhookId), name, avatarUrl, true);
    }
}
