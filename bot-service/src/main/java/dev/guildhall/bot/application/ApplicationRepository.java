package dev.guildhall.bot.application;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

@Repository
public class ApplicationRepository {

    private static final String SELECT = """
            SELECT application_id, owner_id, bot_user_id, name, description, flags, created_at, updated_at
            FROM bot_applications
            """;

    private static final RowMapper<Application> MAPPER = (rs, n) -> new Application(rs.getLong("application_id"),
            rs.getLong("owner_id"), rs.getLong("bot_user_id"), rs.getString("name"), rs.getString("description"),
            rs.getLong("flags"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));

    private final JdbcClient jdbc;

    public ApplicationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Application app) {
        jdbc.sql("""
                        INSERT INTO bot_applications (application_id, owner_id, bot_user_id, name, description, flags,
                                                      created_at, updated_at)
                        VALUES (:id, :owner, :bot, :name, :description, :flags, :created, :updated)""")
                .param("id", app.applicationId()).param("owner", app.ownerId()).param("bot", app.botUserId())
                .param("name", app.name()).param("description", app.description()).param("flags", app.flags())
                .param("created", utc(app.createdAt())).param("updated", utc(app.updatedAt()))
                .update();
    }

    public Optional<Application> findById(long applicationId) {
        return jdbc.sql(SELECT + "WHERE application_id = :id").param("id", applicationId).query(MAPPER).optional();
    }

    public List<Application> findByOwner(long ownerId) {
        return jdbc.sql(SELECT + "WHERE owner_id = :owner ORDER BY application_id")
                .param("owner", ownerId).query(MAPPER).list();
    }

    /** The applications whose bot users are among {@code botUserIds} (the bots of a server). */
    public List<Application> findByBotUsers(java.util.Collection<Long> botUserIds) {
        if (botUserIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE bot_user_id IN (:bots)").param("bots", botUserIds).query(MAPPER).list();
    }

    public Optional<Application> findByBotUser(long botUserId) {
        return jdbc.sql(SELECT + "WHERE bot_user_id = :bot").param("bot", botUserId).query(MAPPER).optional();
    }

    public long countByOwner(long ownerId) {
        return jdbc.sql("SELECT COUNT(*) FROM bot_applications WHERE owner_id = :owner")
                .param("owner", ownerId).query(Long.class).single();
    }

    public void update(long applicationId, String name, String description, long flags, Instant now) {
        jdbc.sql("""
                        UPDATE bot_applications SET name = :name, description = :description, flags = :flags,
                                                    updated_at = :now
                        WHERE application_id = :id""")
                .param("name", name).param("description", description).param("flags", flags)
                .param("now", utc(now)).param("id", applicationId)
                .update();
    }

    public void delete(long applicationId) {
        jdbc.sql("DELETE FROM bot_applications WHERE application_id = :id").param("id", applicationId).update();
    }

    /** Replaces the stored token hash: the previous token stops verifying with this statement (ADR 151). */
    public void replaceTokenHash(long applicationId, byte[] hash, Instant now) {
        jdbc.sql("UPDATE bot_applications SET token_hash = :hash, token_created_at = :now WHERE application_id = :id")
                .param("hash", hash).param("now", utc(now)).param("id", applicationId)
                .update();
    }

    public Optional<Application> findByTokenHash(byte[] hash) {
        return jdbc.sql(SELECT + "WHERE token_hash = :hash").param("hash", hash).query(MAPPER).optional();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
