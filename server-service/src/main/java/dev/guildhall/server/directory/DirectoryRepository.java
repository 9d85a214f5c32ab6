package dev.guildhall.server.directory;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The global cross-server indexes (ADR 022): which servers a user is in, and which server a
 * channel id or an invite code belongs to, so a request carrying only those finds its shard.
 * Rows are added before the shard commit and removed after it, so an index may name something
 * that does not exist (every reader verifies against the shard) but never misses something that does.
 */
@Repository
public class DirectoryRepository {

    private final JdbcClient db;

    public DirectoryRepository(GlobalDatabase global) {
        this.db = global.jdbc();
    }

    public void addMembership(long userId, long serverId) {
        db.sql("INSERT IGNORE INTO user_servers (user_id, server_id, joined_at) VALUES (?, ?, ?)")
                .params(userId, serverId, DbTimes.toDb(DbTimes.now())).update();
    }

    public void removeMembership(long userId, long serverId) {
        db.sql("DELETE FROM user_servers WHERE user_id = ? AND server_id = ?").params(userId, serverId).update();
    }

    public List<Long> serversOf(long userId) {
        return db.sql("SELECT server_id FROM user_servers WHERE user_id = ? ORDER BY server_id")
                .param(userId).query(Long.class).list();
    }

    public void addChannels(long serverId, Collection<Long> channelIds) {
        for (Long channelId : channelIds) {
            db.sql("INSERT IGNORE INTO channel_directory (channel_id, server_id) VALUES (?, ?)")
                    .params(channelId, serverId).update();
        }
    }

    public void removeChannel(long channelId) {
        db.sql("DELETE FROM channel_directory WHERE channel_id = ?").param(channelId).update();
    }

    public Optional<Long> serverOfChannel(long channelId) {
        return db.sql("SELECT server_id FROM channel_directory WHERE channel_id = ?").param(channelId)
                .query(Long.class).optional();
    }

    /** @return false if the code is already taken */
    public boolean addInvite(String code, long serverId) {
        return db.sql("INSERT IGNORE INTO invite_directory (code, server_id) VALUES (?, ?)")
                .params(code, serverId).update() == 1;
    }

    public void removeInvites(Collection<String> codes) {
        if (!codes.isEmpty()) {
            db.sql("DELETE FROM invite_directory WHERE code IN (:codes)").param("codes", codes).update();
        }
    }

    public Optional<Long> serverOfInvite(String code) {
        return db.sql("SELECT server_id FROM invite_directory WHERE code = ?").param(code)
                .query(Long.class).optional();
    }

    /** Forgets a deleted server everywhere. */
    public void removeServer(long serverId) {
        db.sql("DELETE FROM user_servers WHERE server_id = ?").param(serverId).update();
        db.sql("DELETE FROM channel_directory WHERE server_id = ?").param(serverId).update();
        db.sql("DELETE FROM invite_directory WHERE server_id = ?").param(serverId).update();
    }
}
