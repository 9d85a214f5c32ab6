package dev.guildhall.bot.command;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code bot_commands} in the global database (bot-service's migration V30). */
@Repository
public class CommandRepository {

    private static final TypeReference<List<CommandOption>> OPTIONS = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT command_id, application_id, server_id, name, description, options, version, created_at
            FROM bot_commands
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Command> mapper;

    public CommandRepository(GlobalDatabase global, JsonMapper json) {
        this.jdbc = global.jdbc();
        this.json = json;
        this.mapper = (rs, n) -> new Command(rs.getLong("command_id"), rs.getLong("application_id"),
                rs.getLong("server_id"), rs.getString("name"), rs.getString("description"),
                json.readValue(rs.getString("options"), OPTIONS), rs.getLong("version"),
                DbTimes.fromDb(rs, "created_at"));
    }

    /** Commands of an application: global ones ({@code serverId} 0) or those of one server. */
    public List<Command> find(long applicationId, long serverId) {
        return jdbc.sql(SELECT + "WHERE application_id = :app AND server_id = :server ORDER BY name")
                .param("app", applicationId).param("server", serverId).query(mapper).list();
    }

    public Optional<Command> find(long applicationId, long serverId, long commandId) {
        return jdbc.sql(SELECT + "WHERE command_id = :id AND application_id = :app AND server_id = :server")
                .param("id", commandId).param("app", applicationId).param("server", serverId).query(mapper).optional();
    }

    /** The command {@code name} a person would invoke in a server: that server's own first, else the global one. */
    public Optional<Command> findForInvocation(long applicationId, long serverId, String name) {
        return jdbc.sql(SELECT + """
                        WHERE application_id = :app AND server_id IN (0, :server) AND name = :name
                        ORDER BY server_id DESC LIMIT 1""")
                .param("app", applicationId).param("server", serverId).param("name", name).query(mapper).optional();
    }

    /** Every command usable in a server of the given applications (global and that server's). */
    public List<Command> findInServer(Collection<Long> applicationIds, long serverId) {
        if (applicationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE application_id IN (:apps) AND server_id IN (0, :server) ORDER BY name, server_id")
                .param("apps", applicationIds).param("server", serverId).query(mapper).list();
    }

    public long count(long applicationId, long serverId) {
        return jdbc.sql("SELECT COUNT(*) FROM bot_commands WHERE application_id = :app AND server_id = :server")
                .param("app", applicationId).param("server", serverId).query(Long.class).single();
    }

    public void insert(Command c) {
        jdbc.sql("""
                        INSERT INTO bot_commands (command_id, application_id, server_id, name, description, options,
                                                  version, created_at, updated_at)
                        VALUES (:id, :app, :server, :name, :description, :options, :version, :created, :created)""")
                .param("id", c.commandId()).param("app", c.applicationId()).param("server", c.serverId())
                .param("name", c.name()).param("description", c.description())
                .param("options", json.writeValueAsString(c.options())).param("version", c.version())
                .param("created", DbTimes.toDb(c.createdAt()))
                .update();
    }

    public void update(Command c) {
        jdbc.sql("""
                        UPDATE bot_commands SET description = :description, options = :options, version = :version,
                                                updated_at = :now
                        WHERE command_id = :id""")
                .param("description", c.description()).param("options", json.writeValueAsString(c.options()))
                .param("version", c.version()).param("now", DbTimes.toDb(java.time.Instant.now()))
                .param("id", c.commandId())
                .update();
    }

    public boolean delete(long applicationId, long serverId, long commandId) {
        return jdbc.sql("DELETE FROM bot_commands WHERE command_id = :id AND application_id = :app AND server_id = :server")
                .param("id", commandId).param("app", applicationId).param("server", serverId).update() == 1;
    }
}
