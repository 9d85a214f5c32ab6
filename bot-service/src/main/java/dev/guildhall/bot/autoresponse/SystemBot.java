package dev.guildhall.bot.autoresponse;

import dev.guildhall.bot.application.AuthUsers;
import dev.guildhall.data.db.GlobalDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The install's one system bot user (ADR 159), the author of every auto-response: an ordinary bot account in
 * auth-service ({@code bot: true}, no application, no token), made the first time a rule is created and
 * remembered in {@code bot_system_user}.
 */
@Component
class SystemBot {

    private static final Logger log = LoggerFactory.getLogger(SystemBot.class);

    private final GlobalDatabase db;
    private final AuthUsers authUsers;
    private final AutoResponseProperties properties;
    private final Clock clock;
    private volatile Long userId;

    SystemBot(GlobalDatabase db, AuthUsers authUsers, AutoResponseProperties properties, Clock clock) {
        this.db = db;
        this.authUsers = authUsers;
        this.properties = properties;
        this.clock = clock;
    }

    /** The system bot's user id if it exists yet. */
    Optional<Long> find() {
        Long known = userId;
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Long> stored = db.jdbc().sql("SELECT user_id FROM bot_system_user WHERE id = 1")
                .query(Long.class).optional();
        stored.ifPresent(id -> userId = id);
        return stored;
    }

    /**
     * The system bot's user id, creating the user first if there is none. Two instances creating it at once
     * both ask auth-service, and the first row written wins; the other user is left unused.
     */
    long ensure() {
        Optional<Long> existing = find();
        if (existing.isPresent()) {
            return existing.get();
        }
        long created = authUsers.createBot(properties.systemBotUsername()).userId();
        int inserted = db.jdbc().sql("INSERT IGNORE INTO bot_system_user (id, user_id, created_at) VALUES (1, :user, :now)")
                .param("user", created).param("now", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        if (inserted == 0) {
            log.info("another instance made the system bot first; bot user {} stays unused", created);
        }
        return find().orElseThrow();
    }
}
