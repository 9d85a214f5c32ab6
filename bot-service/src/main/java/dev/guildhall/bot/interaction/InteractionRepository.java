package dev.guildhall.bot.interaction;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

/** {@code bot_interactions} in the global database (bot-service's migration V31). */
@Repository
public class InteractionRepository {

    private static final String SELECT = """
            SELECT interaction_id, application_id, bot_user_id, command_id, command_name, server_id, channel_id,
                   user_id, expires_at, acknowledged_at, response_type, failed_at, original_message_id, created_at
            FROM bot_interactions
            """;

    private static final RowMapper<Interaction> MAPPER = (rs, n) -> new Interaction(rs.getLong("interaction_id"),
            rs.getLong("application_id"), rs.getLong("bot_user_id"), rs.getLong("command_id"),
            rs.getString("command_name"), rs.getLong("server_id"), rs.getLong("channel_id"), rs.getLong("user_id"),
            DbTimes.fromDb(rs, "expires_at"), DbTimes.fromDb(rs, "acknowledged_at"),
            (Integer) rs.getObject("response_type", Integer.class), DbTimes.fromDb(rs, "failed_at"),
            DbTimes.nullableLong(rs, "original_message_id"), DbTimes.fromDb(rs, "created_at"));

    private final JdbcClient jdbc;

    public InteractionRepository(GlobalDatabase global) {
        this.jdbc = global.jdbc();
    }

    public void insert(Interaction i, byte[] tokenHash) {
        jdbc.sql("""
                        INSERT INTO bot_interactions (interaction_id, application_id, bot_user_id, command_id,
                            command_name, server_id, channel_id, user_id, token_hash, expires_at, created_at)
                        VALUES (:id, :app, :bot, :command, :name, :server, :channel, :user, :hash, :expires, :created)""")
                .param("id", i.interactionId()).param("app", i.applicationId()).param("bot", i.botUserId())
                .param("command", i.commandId()).param("name", i.commandName()).param("server", i.serverId())
                .param("channel", i.channelId()).param("user", i.userId()).param("hash", tokenHash)
                .param("expires", DbTimes.toDb(i.expiresAt())).param("created", DbTimes.toDb(i.createdAt()))
                .update();
    }

    /** The interaction this id and token name, while the token is valid. */
    public Optional<Interaction> findByToken(long interactionId, byte[] tokenHash, Instant now) {
        return jdbc.sql(SELECT + "WHERE interaction_id = :id AND token_hash = :hash AND expires_at > :now")
                .param("id", interactionId).param("hash", tokenHash).param("now", DbTimes.toDb(now))
                .query(MAPPER).optional();
    }

    /** The interaction of an application whose token this is, while it is valid (follow-ups). */
    public Optional<Interaction> findByApplicationToken(long applicationId, byte[] tokenHash, Instant now) {
        return jdbc.sql(SELECT + "WHERE application_id = :app AND token_hash = :hash AND expires_at > :now")
                .param("app", applicationId).param("hash", tokenHash).param("now", DbTimes.toDb(now))
                .query(MAPPER).optional();
    }

    /** The first answer wins: false when it was already answered or given up on. */
    public boolean acknowledge(long interactionId, int type, String data, Instant now) {
        return jdbc.sql("""
                        UPDATE bot_interactions SET acknowledged_at = :now, response_type = :type, response_data = :data
                        WHERE interaction_id = :id AND acknowledged_at IS NULL AND failed_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("type", type).param("data", data).param("id", interactionId)
                .update() == 1;
    }

    /** Gives up on an unanswered interaction: false when the bot answered first. */
    public boolean fail(long interactionId, Instant now) {
        return jdbc.sql("""
                        UPDATE bot_interactions SET failed_at = :now
                        WHERE interaction_id = :id AND acknowledged_at IS NULL AND failed_at IS NULL""")
                .param("now", DbTimes.toDb(now)).param("id", interactionId).update() == 1;
    }

    /** Takes back an acknowledgement whose message could not be written, so the bot may try again. */
    public void unacknowledge(long interactionId) {
        jdbc.sql("UPDATE bot_interactions SET acknowledged_at = NULL, response_type = NULL, response_data = NULL "
                + "WHERE interaction_id = :id").param("id", interactionId).update();
    }

    /** The original response's message, as message-service answered its write. */
    public void original(long interactionId, long messageId, String message) {
        jdbc.sql("UPDATE bot_interactions SET original_message_id = :id_, original_message = :message "
                        + "WHERE interaction_id = :id")
                .param("id_", messageId).param("message", message).param("id", interactionId).update();
    }

    public Optional<String> originalMessage(long interactionId) {
        return jdbc.sql("SELECT original_message FROM bot_interactions WHERE interaction_id = :id")
                .param("id", interactionId).query(String.class).optional();
    }
}
