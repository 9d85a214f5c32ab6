package dev.guildhall.bot.webhook;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code bot_webhooks} in the global database (service-data's {@link GlobalDatabase}). */
@Repository
class WebhookRepository {

    private static final String SELECT = """
            SELECT webhook_id, server_id, channel_id, name, avatar_url, creator_id, token_hash, created_at, updated_at
            FROM bot_webhooks
            """;

    private static final RowMapper<Webhook> MAPPER = (rs, n) -> new Webhook(rs.getLong("webhook_id"),
            rs.getLong("server_id"), rs.getLong("channel_id"), rs.getString("name"), rs.getString("avatar_url"),
            rs.getLong("creator_id"), rs.getBytes("token_hash"), DbTimes.fromDb(rs, "created_at"),
            DbTimes.fromDb(rs, "updated_at"));

    private final GlobalDatabase db;

    WebhookRepository(GlobalDatabase db) {
        this.db = db;
    }

    GlobalDatabase db() {
        return db;
    }

    void insert(Webhook w) {
        db.jdbc().sql("""
                        INSERT INTO bot_webhooks (webhook_id, server_id, channel_id, name, avatar_url, creator_id,
                                                  token_hash, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(w.webhookId(), w.serverId(), w.channelId(), w.name(), w.avatarUrl(), w.creatorId(),
                        w.tokenHash(), DbTimes.toDb(w.createdAt()), DbTimes.toDb(w.updatedAt()))
                .update();
    }

    Optional<Webhook> find(long webhookId) {
        return db.jdbc().sql(SELECT + "WHERE webhook_id = ?").params(webhookId).query(MAPPER).optional();
    }

    List<Webhook> inChannel(long channelId) {
        return db.jdbc().sql(SELECT + "WHERE channel_id = ? ORDER BY webhook_id").params(channelId).query(MAPPER).list();
    }

    List<Webhook> inServer(long serverId) {
        return db.jdbc().sql(SELECT + "WHERE server_id = ? ORDER BY webhook_id").params(serverId).query(MAPPER).list();
    }

    /** Counts the channel's webhooks with their rows locked, so two creations cannot both pass the cap. */
    long countInChannelForUpdate(long channelId) {
        return db.jdbc().sql("SELECT webhook_id FROM bot_webhooks WHERE channel_id = ? FOR UPDATE")
                .params(channelId).query(Long.class).list().size();
    }

    void update(long webhookId, long channelId, String name, String avatarUrl, Instant now) {
        db.jdbc().sql("UPDATE bot_webhooks SET channel_id = ?, name = ?, avatar_url = ?, updated_at = ? "
                        + "WHERE webhook_id = ?")
                .params(channelId, name, avatarUrl, DbTimes.toDb(now), webhookId)
                .update();
    }

    int deleteInChannel(long channelId) {
        return db.jdbc().sql("DELETE FROM bot_webhooks WHERE channel_id = ?").params(channelId).update();
    }

    int deleteInServer(long serverId) {
        return db.jdbc().sql("DELETE FROM bot_webhooks WHERE server_id = ?").params(serverId).update();
    }

    void delete(long webhookId) {
        db.jdbc().sql("DELETE FROM bot_webhooks WHERE webhook_id = ?").params(webhookId).update();
    }
}
