package dev.guildhall.auth.user;

import dev.guildhall.common.id.Snowflake;

import java.time.Instant;

/** What the API says about users. */
public final class UserResponses {

    private UserResponses() {
    }

    /** {@code @me}: the caller's own account. */
    public record Me(String userId, String username, String avatarUrl, String email, boolean mfaEnabled,
                     boolean bot, Instant createdAt) {

        public static Me of(User user) {
            return new Me(Snowflake.format(user.userId()), user.username(), user.avatarUrl(), user.email(),
                    user.mfaEnabled(), user.bot(), user.createdAt());
        }
    }

    /** Anyone else: the public profile. Also the {@code data} of USER_CREATE / USER_UPDATE events. */
    public record Profile(String userId, String username, String avatarUrl, boolean bot) {

        public static Profile of(User user) {
            return new Profile(Snowflake.format(user.userId()), user.username(), user.avatarUrl(), user.bot());
        }
    }
}
