package dev.guildhall.auth.outbox;

import dev.guildhall.auth.db.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@Repository
public class OutboxRepository {

    private final JdbcClient jdbc;

    public OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OutboxEvent event) {
        jdbc.sql("""
                        INSERT INTO auth_outbox (event_id, topic, event_key, event_type, payload, created_at)
                        VALUES (:id, :topic, :key, :type, :payload, :createdAt)""")
                .param("id", event.eventId())
                .param("topic", event.topic())
                .param("key", event.key())
                .param("type", event.type())
                .param("payload", event.payload())
                .param("createdAt", Db.utc(event.createdAt()))
                .update();
    }

    /**
     * The oldest unsent rows, locked for the calling transaction; rows another instance's relay
     * holds are skipped rather than waited for.
     */
    public List<OutboxEvent> lockUnsent(int limit) {
        return jdbc.sql("""
                        SELECT event_id, topic, event_key, event_type, payload, created_at, attempts
                        FROM auth_outbox WHERE sent_at IS NULL
                        ORDER BY event_id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("limit", limit)
                .query((rs, n) -> new OutboxEvent(rs.getLong("event_id"), rs.getString("topic"),
                        rs.getString("event_key"), rs.getString("event_type"), rs.getString("payload"),
                        Db.instant(rs, "created_at"), rs.getInt("attempts")))
                .list();
    }

    public void markSent(Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE auth_outbox SET sent_at = :now, attempts = attempts + 1, last_error = NULL WHERE event_id IN (:ids)")
                .param("now", Db.utc(now))
                .param("ids", ids)
                .update();
    }

    public void markFailed(long id, String error) {
        jdbc.sql("UPDATE auth_outbox SET attempts = attempts + 1, last_error = :error WHERE event_id = :id")
                .param("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                .param("id", id)
                .update();
    }

    public long countUnsent() {
        return jdbc.sql("SELECT COUNT(*) FROM auth_outbox WHERE sent_at IS NULL").query(Long.class).single();
    }

    /** Deletes up to {@code limit} rows sent before {@code before}; returns how many. */
    public int deleteSentBefore(Instant before, int limit) {
        return jdbc.sql("DELETE FROM auth_outbox WHERE sent_at IS NOT NULL AND sent_at < :before LIMIT :limit")
                .param("before", Db.utc(before))
                .param("limit", limit)
                .update();
    }
}
