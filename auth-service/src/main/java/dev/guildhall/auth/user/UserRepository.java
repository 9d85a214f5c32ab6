package dev.guildhall.auth.user;

import dev.guildhall.data.db.DbTimes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Repository
public class UserRepository {

    private static final String SELECT = """
            SELECT u.user_id, u.username, u.email, u.password_hash, u.avatar_url, u.bot, u.created_at, u.updated_at,
                   (t.enabled_at IS NOT NULL) AS mfa_enabled
            FROM users u LEFT JOIN user_totp t ON t.user_id = u.user_id
            """;

    private static final RowMapper<User> MAPPER = (rs, n) -> new User(rs.getLong("user_id"), rs.getString("username"),
            rs.getString("email"), rs.getString("password_hash"), rs.getString("avatar_url"),
            rs.getBoolean("mfa_enabled"), rs.getBoolean("bot"), DbTimes.fromDb(rs, "created_at"),
            DbTimes.fromDb(rs, "updated_at"));

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(long userId) {
        return jdbc.sql(SELECT + "WHERE u.user_id = :id").param("id", userId).query(MAPPER).optional();
    }

    public Optional<User> findByUsernameKey(String usernameKey) {
        return jdbc.sql(SELECT + "WHERE u.username_key = :key").param("key", usernameKey).query(MAPPER).optional();
    }

    public Optional<User> findByEmailKey(String emailKey) {
        return jdbc.sql(SELECT + "WHERE u.email_key = :key").param("key", emailKey).query(MAPPER).optional();
    }

    public boolean usernameKeyTaken(String usernameKey, long exceptUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE username_key = :key AND user_id <> :id")
                .param("key", usernameKey).param("id", exceptUserId).query(Long.class).single() > 0;
    }

    public boolean emailKeyTaken(String emailKey, long exceptUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = :key AND user_id <> :id")
                .param("key", emailKey).param("id", exceptUserId).query(Long.class).single() > 0;
    }

    public List<User> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE u.user_id IN (:ids)").param("ids", ids).query(MAPPER).list();
    }

    /** @throws DuplicateKeyException when the username or email key is taken (see {@link #violatedKey}) */
    public void insert(User user) {
        jdbc.sql("""
                        INSERT INTO users (user_id, username, username_key, email, email_key, password_hash, avatar_url,
                                           bot, created_at, updated_at)
                        VALUES (:id, :username, :usernameKey, :email, :emailKey, :hash, :avatar, :bot, :createdAt,
                                :updatedAt)""")
                .param("id", user.userId())
                .param("username", user.username())
                .param("usernameKey", User.usernameKey(user.username()))
                .param("email", user.email())
                .param("emailKey", User.emailKey(user.email()))
                .param("hash", user.passwordHash())
                .param("avatar", user.avatarUrl())
                .param("bot", user.bot())
                .param("createdAt", DbTimes.toDb(user.createdAt()))
                .param("updatedAt", DbTimes.toDb(user.updatedAt()))
                .update();
    }

    /** Writes username, email and avatar; @throws DuplicateKeyException as {@link #insert}. */
    public void updateProfile(long userId, String username, String email, String avatarUrl, Instant now) {
        jdbc.sql("""
                        UPDATE users SET username = :username, username_key = :usernameKey, email = :email,
                                         email_key = :emailKey, avatar_url = :avatar, updated_at = :now
                        WHERE user_id = :id""")
                .param("username", username)
                .param("usernameKey", User.usernameKey(username))
                .param("email", email)
                .param("emailKey", User.emailKey(email))
                .param("avatar", avatarUrl)
                .param("now", DbTimes.toDb(now))
                .param("id", userId)
                .update();
    }

    public void updatePasswordHash(long userId, String hash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE user_id = :id")
                .param("hash", hash).param("now", DbTimes.toDb(now)).param("id", userId).update();
    }

    /** Which unique key a {@link DuplicateKeyException} from this table is about. */
    public static UniqueKey violatedKey(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("uk_users_username_key")) {
            return UniqueKey.USERNAME;
        }
        if (message.contains("uk_users_email_key")) {
            return UniqueKey.EMAIL;
        }
        return UniqueKey.OTHER;
    }

    public enum UniqueKey { USERNAME, EMAIL, OTHER }
}
