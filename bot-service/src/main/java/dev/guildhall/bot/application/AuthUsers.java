package dev.guildhall.bot.application;

import dev.guildhall.bot.config.BotProperties;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * auth-service, which owns every account (ADR 150): creates bot users ({@code POST /internal/bot-users},
 * never retried) and reads their profiles ({@code GET /internal/users}).
 */
@Component
public class AuthUsers {

    static final String READ = "auth-service";
    static final String WRITE = "auth-service-write";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    AuthUsers(BotProperties properties, InternalClients clients, ResilientCalls calls, JsonMapper json) {
        this.http = clients.to(properties.authUrl(), properties.callTimeout());
        this.calls = calls;
        this.json = json;
    }

    public record Profile(long userId, String username, String avatarUrl) {
    }

    public Profile createBot(String username) {
        String body = json.writeValueAsString(Map.of("username", username));
        String answer = calls.call(WRITE, () -> http.post().uri("/internal/bot-users")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(String.class));
        return profile(json.readTree(answer));
    }

    /** Profiles by user id; ids auth-service does not know are missing from the map. */
    public Map<Long, Profile> profiles(Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        String ids = userIds.stream().map(Snowflake::format).collect(Collectors.joining(","));
        String answer = calls.call(READ, () -> http.get().uri(uri -> uri.path("/internal/users")
                .queryParam("ids", ids).build()).retrieve().body(String.class));
        Map<Long, Profile> found = new HashMap<>();
        for (JsonNode user : json.readTree(answer)) {
            Profile profile = profile(user);
            found.put(profile.userId(), profile);
        }
        return found;
    }

    private static Profile profile(JsonNode user) {
        JsonNode avatar = user.get("avatar_url");
        return new Profile(Snowflake.parse(user.get("user_id").asString()), user.get("username").asString(),
                avatar == null || avatar.isNull() ? null : avatar.asString());
    }
}
