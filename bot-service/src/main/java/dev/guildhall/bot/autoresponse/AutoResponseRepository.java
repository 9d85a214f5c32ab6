package dev.guildhall.bot.autoresponse;

import dev.guildhall.data.db.GlobalDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.type.TypeReference;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code bot_auto_responses} in the global database. */
@Repository
class AutoResponseRepository {

    private static final String SELECT = """
            SELECT auto_response_id, server_id, name, trigger_type, trigger_value, case_sensitive, response,
                   channel_ids, enabled, created_by, created_at, updated_at
            FROM bot_auto_responses
            """;

    private final GlobalDatabase db;
    private final JsonMapper json;
    private final RowMapper<AutoResponse> mapper;

    AutoResponseRepository(GlobalDatabase db, JsonMapper json) {
        this.db = db;
        this.json = json;
        this.mapper = (rs, n) -> new AutoResponse(rs.getLong("auto_response_id"), rs.getLong("server_id"),
                rs.getString("name"),
                new AutoResponse.Trigger(AutoResponse.TriggerType.fromWire(rs.getString("trigger_type")),
                        rs.getString("trigger_value"), rs.getBoolean("case_sensitive")),
                response(rs.getString("response")), channels(rs.getString("channel_ids")), rs.getBoolean("enabled"),
                rs.getLong("created_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    void insert(AutoResponse rule) {
        db.jdbc().sql("""
                        INSERT INTO bot_auto_responses (auto_response_id, server_id, name, trigger_type, trigger_value,
                               case_sensitive, response, channel_ids, enabled, created_by, created_at, updated_at)
                        VALUES (:id, :server, :name, :type, :value, :cs, :response, :channels, :enabled, :by,
                                :created, :updated)""")
                .params(params(rule))
                .param("server", rule.serverId()).param("by", rule.createdBy())
                .param("created", utc(rule.createdAt()))
                .update();
    }

    void update(AutoResponse rule) {
        db.jdbc().sql("""
                        UPDATE bot_auto_responses SET name = :name, trigger_type = :type, trigger_value = :value,
                               case_sensitive = :cs, response = :response, channel_ids = :channels,
                               enabled = :enabled, updated_at = :updated
                        WHERE auto_response_id = :id""")
                .params(params(rule))
                .update();
    }

    Optional<AutoResponse> find(long serverId, long autoResponseId) {
        return db.jdbc().sql(SELECT + "WHERE auto_response_id = :id AND server_id = :server")
                .param("id", autoResponseId).param("server", serverId).query(mapper).optional();
    }

    List<AutoResponse> ofServer(long serverId) {
        return db.jdbc().sql(SELECT + "WHERE server_id = :server ORDER BY auto_response_id")
                .param("server", serverId).query(mapper).list();
    }

    long count(long serverId) {
        return db.jdbc().sql("SELECT COUNT(*) FROM bot_auto_responses WHERE server_id = :server")
                .param("server", serverId).query(Long.class).single();
    }

    boolean delete(long serverId, long autoResponseId) {
        return db.jdbc().sql("DELETE FROM bot_auto_responses WHERE auto_response_id = :id AND server_id = :server")
                .param("id", autoResponseId).param("server", serverId).update() > 0;
    }

    private Map<String, Object> params(AutoResponse rule) {
        AutoResponse.Response r = rule.response();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("content", r.content());
        response.put("embed", r.embed());
        response.put("reaction", r.reaction());
        response.put("delete_trigger", r.deleteTrigger());
        response.put("reply", r.reply());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", rule.autoResponseId());
        params.put("name", rule.name());
        params.put("type", rule.trigger().type().wire());
        params.put("value", rule.trigger().value());
        params.put("cs", rule.trigger().caseSensitive());
        params.put("response", json.writeValueAsString(response));
        params.put("channels", rule.channelIds().isEmpty() ? null : json.writeValueAsString(
                rule.channelIds().stream().map(String::valueOf).toList()));
        params.put("enabled", rule.enabled());
        params.put("updated", utc(rule.updatedAt()));
        return params;
    }

    private AutoResponse.Response response(String stored) {
        JsonNode r = json.readTree(stored);
        JsonNode embed = r.get("embed");
        return new AutoResponse.Response(text(r, "content"), embed == null || embed.isNull() ? null : embed,
                text(r, "reaction"), r.path("delete_trigger").asBoolean(false), r.path("reply").asBoolean(false));
    }

    private List<Long> channels(String stored) {
        if (stored == null) {
            return List.of();
        }
        return json.readValue(stored, new TypeReference<List<String>>() { }).stream().map(Long::parseLong).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
