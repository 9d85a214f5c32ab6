package dev.guildhall.server.user;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@code server_user_profiles}: the local read model of auth-service's users (ADR 025). */
@Repository
public class UserProfileRepository {

    private final JdbcClient db;

    public UserProfileRepository(GlobalDatabase global) {
        this.db = global.jdbc();
    }

    public Map<Long, UserSummary> find(Collection<Long> userIds) {
        Map<Long, UserSummary> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        db.sql("SELECT user_id, username, avatar_url FROM server_user_profiles WHERE user_id IN (:ids)")
                .param("ids", userIds)
                .query(rs -> {
                    long id = rs.getLong("user_id");
                    result.put(id, new UserSummary(Snowflake.format(id), rs.getString("username"),
                            rs.getString("avatar_url")));
                });
        return result;
    }

    /** Stores a profile unless a newer one is already there (events may arrive late or twice). */
    public void upsert(long userId, String username, String avatarUrl, Instant asOf) {
        db.sql("INSERT INTO server_user_profiles (user_id, username, avatar_url, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " username = IF(VALUES(updated_at) >= updated_at, VALUES(username), username),"
                        + " avatar_url = IF(VALUES(updated_at) >= updated_at, VALUES(avatar_url), avatar_url),"
                        + " updated_at = GREATEST(updated_at, VALUES(updated_at))")
                .params(userId, truncate(username, 64), truncate(avatarUrl, 2048), DbTimes.toDb(asOf))
                .update();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
