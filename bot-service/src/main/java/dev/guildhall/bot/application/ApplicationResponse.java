package dev.guildhall.bot.application;

import dev.guildhall.common.id.Snowflake;

/** What the API says about an application (issue 10's shape). */
public record ApplicationResponse(String applicationId, String name, String description, String ownerId,
                                  BotUser bot, long flags) {

    /** The application's bot user, as auth-service knows it. */
    public record BotUser(String userId, String username, String avatarUrl, boolean bot) {
    }

    static ApplicationResponse of(Application app, AuthUsers.Profile profile) {
        return new ApplicationResponse(Snowflake.format(app.applicationId()), app.name(), app.description(),
                Snowflake.format(app.ownerId()),
                new BotUser(Snowflake.format(app.botUserId()), profile.username(), profile.avatarUrl(), true),
                app.flags());
    }
}
