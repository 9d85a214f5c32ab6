package dev.guildhall.bot.autoresponse;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Whether a message's author is a bot, for messages that do not say so ({@code author.bot} arrives with the
 * webhooks slice): every bot user is an application's, and bot-service holds the applications. A user id never
 * changes kind, so the answer is kept long.
 */
@Component
class BotAuthors {

    private final LoadingCache<Long, Boolean> bots;

    BotAuthors(GlobalDatabase db) {
        this.bots = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000)
                .build(userId -> db.jdbc().sql("SELECT COUNT(*) FROM bot_applications WHERE bot_user_id = :user")
                        .param("user", userId).query(Long.class).single() > 0);
    }

    boolean isBot(long userId) {
        return bots.get(userId);
    }
}
