package dev.guildhall.server.outbox;

import dev.guildhall.server.db.DbTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** {@code server_outbox} of one shard. */
@Repository
class OutboxRepository {

    void insert(JdbcClient db, long eventId, long serverId, String type, String payload, Instant at) {
        db.sql("INSERT INTO server_outbox (event_id, server_id, event_type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(eventId, serverId, type, payload, DbTimes.toDb(at)).update();
    }

    /** Oldest unsent rows first: commit order per server, because writers of a server serialize on its row. */
    List<OutboxRow> unsent(JdbcClient db, int limit) {
        return db.sql("SELECT seq, server_id, event_type, payload FROM server_outbox"
                        + " WHERE sent_at IS NULL ORDER BY seq LIMIT ?")
                .param(limit)
                .query((rs, n) -> new OutboxRow(rs.getLong("seq"), rs.getLong("server_id"), rs.getString("event_type"),
                        rs.getString("payload")))
                .list();
    }

    void markSent(JdbcClient db, Collection<Long> seqs, Instant at) {
        if (!seqs.isEmpty()) {
            db.sql("UPDATE server_outbox SET sent_at = :at WHERE seq IN (:seqs)")
                    .param("at", DbTimes.toDb(at)).param("seqs", seqs).update();
        }
    }

    long countUnsent(JdbcClient db) {
        return db.sql("SELECT COUNT(*) FROM server_outbox WHERE sent_at IS NULL").query(Long.class).single();
    }

    int purgeSentBefore(JdbcClient db, Instant before, int limit) {
        return db.sql("DELETE FROM server_outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?")
                .params(DbTimes.toDb(before), limit).update();
    }
}
