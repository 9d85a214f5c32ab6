package dev.guildhall.bot.discord;

import dev.guildhall.bot.application.AuthUsers;
import dev.guildhall.common.discord.DiscordObjects;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's REST API v10 (and v9, the same) as a translation of the owners' v1 APIs (ADR 177). Every call
 * goes to its owner with the caller's own {@code Authorization}; nothing is stored here.
 */
@RestController
@RequestMapping({"/api/v10", "/api/v9"})
public class DiscordRestController {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String AUTH = HttpHeaders.AUTHORIZATION;

    private final OwnerCalls owners;
    private final AuthUsers users;
    private final DiscordProperties properties;
    private final MessageBodies bodies;

    DiscordRestController(OwnerCalls owners, AuthUsers users, DiscordProperties properties, MessageBodies bodies) {
        this.owners = owners;
        this.users = users;
        this.properties = properties;
        this.bodies = bodies;
    }

    // --- gateway ---

    @GetMapping("/gateway")
    Map<String, Object> gateway(HttpServletRequest request) {
        return Map.of("url", gatewayUrl(request));
    }

    /** One shard, and a start limit the libraries only display (sessions are not rationed yet). */
    @GetMapping("/gateway/bot")
    Map<String, Object> gatewayBot(HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", gatewayUrl(request));
        body.put("shards", 1);
        body.put("session_start_limit", Map.of("total", 1000, "remaining", 1000, "reset_after", 86_400_000,
                "max_concurrency", 1));
        return body;
    }

    // --- users ---

    @GetMapping("/users/@me")
    ObjectNode me(Caller caller) {
        return profile(caller.userId(), caller.bot());
    }

    @GetMapping("/users/{userId}")
    ObjectNode user(@PathVariable String userId) {
        long id = DiscordErrors.snowflake(userId, "user_id");
        return profile(id, false);
    }

    private ObjectNode profile(long userId, boolean bot) {
        AuthUsers.Profile profile = users.profiles(List.of(userId)).get(userId);
        if (profile == null) {
            throw new DiscordApiException(404, 10013, "Unknown User");
        }
        ObjectNode user = JSON.objectNode().put("user_id", Snowflake.format(profile.userId()))
                .put("username", profile.username());
        return DiscordObjects.user(user, bot);
    }

    // --- guilds ---

    @GetMapping("/guilds/{guildId}")
    ObjectNode guild(@RequestHeader(AUTH) String auth, @PathVariable String guildId) {
        JsonNode server = owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}", guildId).body();
        JsonNode roles = owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/roles", guildId).body();
        ObjectNode guild = DiscordObjects.guild(server, DiscordObjects.roles(roles));
        if (server.has("member_count")) {
            guild.put("approximate_member_count", server.path("member_count").asInt());
        }
        return guild;
    }

    @GetMapping("/guilds/{guildId}/channels")
    ArrayNode channels(@RequestHeader(AUTH) String auth, @PathVariable String guildId) {
        ArrayNode out = JSON.arrayNode();
        owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/channels", guildId).body()
                .forEach(c -> out.add(DiscordObjects.channel(c)));
        return out;
    }

    @GetMapping("/guilds/{guildId}/roles")
    ArrayNode roles(@RequestHeader(AUTH) String auth, @PathVariable String guildId) {
        return DiscordObjects.roles(owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/roles", guildId)
                .body());
    }

    @GetMapping("/guilds/{guildId}/members/{userId}")
    ObjectNode member(@RequestHeader(AUTH) String auth, @PathVariable String guildId, @PathVariable String userId) {
        JsonNode member = owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/members/{user}", guildId,
                userId).body();
        JsonNode user = member.path("user").isObject() ? member.path("user")
                : JSON.objectNode().put("user_id", userId).put("username", "");
        return DiscordObjects.member(member, DiscordObjects.user(user, false));
    }

    // --- channels and messages ---

    @GetMapping("/channels/{channelId}")
    ObjectNode channel(@RequestHeader(AUTH) String auth, @PathVariable String channelId) {
        return DiscordObjects.channel(owners.server(HttpMethod.GET, auth, null, "/api/v1/channels/{id}", channelId)
                .body());
    }

    @GetMapping("/channels/{channelId}/messages")
    ResponseEntity<ArrayNode> messages(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                       @RequestParam(required = false) String before,
                                       @RequestParam(required = false) String after,
                                       @RequestParam(required = false) String around,
                                       @RequestParam(required = false) Integer limit) {
        StringBuilder path = new StringBuilder("/api/v1/channels/{id}/messages?limit={limit}");
        List<Object> vars = new java.util.ArrayList<>(List.of(channelId, limit == null ? 50 : limit));
        for (Map.Entry<String, String> cursor : cursors(before, after, around).entrySet()) {
            path.append('&').append(cursor.getKey()).append("={").append(cursor.getKey()).append('}');
            vars.add(cursor.getValue());
        }
        OwnerCalls.Answer answer = owners.message(HttpMethod.GET, auth, null, path.toString(), vars.toArray());
        ArrayNode out = JSON.arrayNode();
        answer.body().forEach(m -> out.add(DiscordShapes.message(m, caller.userId())));
        return withHeaders(answer, out);
    }

    private static Map<String, String> cursors(String before, String after, String around) {
        Map<String, String> cursors = new LinkedHashMap<>();
        if (before != null) {
            cursors.put("before", before);
        }
        if (after != null) {
            cursors.put("after", after);
        }
        if (around != null) {
            cursors.put("around", around);
        }
        return cursors;
    }

    @PostMapping("/channels/{channelId}/messages")
    ResponseEntity<ObjectNode> send(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                    @RequestBody JsonNode body) {
        OwnerCalls.Answer answer = owners.message(HttpMethod.POST, auth, bodies.send(body),
                "/api/v1/channels/{id}/messages", channelId);
        return withHeaders(answer, DiscordShapes.message(answer.body(), caller.userId()));
    }

    @GetMapping("/channels/{channelId}/messages/{messageId}")
    ObjectNode message(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId,
                       @PathVariable String messageId) {
        return DiscordShapes.message(owners.message(HttpMethod.GET, auth, null,
                "/api/v1/channels/{id}/messages/{message}", channelId, messageId).body(), caller.userId());
    }

    @PatchMapping("/channels/{channelId}/messages/{messageId}")
    ObjectNode edit(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId,
                    @PathVariable String messageId, @RequestBody JsonNode body) {
        return DiscordShapes.message(owners.message(HttpMethod.PATCH, auth, bodies.edit(body),
                "/api/v1/channels/{id}/messages/{message}", channelId, messageId).body(), caller.userId());
    }

    @DeleteMapping("/channels/{channelId}/messages/{messageId}")
    ResponseEntity<Void> delete(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                @PathVariable String messageId) {
        owners.message(HttpMethod.DELETE, auth, null, "/api/v1/channels/{id}/messages/{message}", channelId,
                messageId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me")
    ResponseEntity<Void> react(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                               @PathVariable String messageId, @PathVariable String emoji) {
        owners.message(HttpMethod.PUT, auth, null, "/api/v1/channels/{id}/messages/{message}/reactions/{emoji}/@me",
                channelId, messageId, emoji);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me")
    ResponseEntity<Void> unreact(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                 @PathVariable String messageId, @PathVariable String emoji) {
        owners.message(HttpMethod.DELETE, auth, null,
                "/api/v1/channels/{id}/messages/{message}/reactions/{emoji}/@me", channelId, messageId, emoji);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/channels/{channelId}/typing")
    ResponseEntity<Void> typing(@RequestHeader(AUTH) String auth, @PathVariable String channelId) {
        owners.message(HttpMethod.POST, auth, null, "/api/v1/channels/{id}/typing", channelId);
        return ResponseEntity.noContent().build();
    }

    /** Anything else under the prefix: Discord's 404, not a problem document. Not an operation of the description. */
    @Hidden
    @RequestMapping("/**")
    void unknown() {
        throw new DiscordApiException(404, 0, "404: Not Found");
    }

    private static <T> ResponseEntity<T> withHeaders(OwnerCalls.Answer answer, T body) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        answer.headers().forEach(ok::header);
        return ok.body(body);
    }

    private String gatewayUrl(HttpServletRequest request) {
        if (properties.gatewayUrl() != null && !properties.gatewayUrl().isBlank()) {
            return properties.gatewayUrl();
        }
        String proto = header(request, "X-Forwarded-Proto", request.getScheme());
        String host = header(request, "X-Forwarded-Host", header(request, HttpHeaders.HOST, "localhost"));
        String port = request.getHeader("X-Forwarded-Port");
        if (port != null && !host.contains(":") && !port.equals("https".equals(proto) ? "443" : "80")) {
            host = host + ":" + port;
        }
        return ("https".equalsIgnoreCase(proto) ? "wss" : "ws") + "://" + host + properties.gatewayPath();
    }

    private static String header(HttpServletRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).strip();
    }
}
