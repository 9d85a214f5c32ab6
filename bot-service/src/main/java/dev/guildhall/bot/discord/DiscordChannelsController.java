package dev.guildhall.bot.discord;

import dev.guildhall.common.discord.DiscordObjects;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Discord's channel routes beyond messages (ADR 185): guild members, bulk delete, reaction lists, pins,
 * permission overwrites and invites, each a translation of the owner's v1 route with the caller's own
 * {@code Authorization} ({@link OwnerCalls}), so the owner's permission rules and limits apply unchanged.
 */
@RestController
@RequestMapping({"/api/v10", "/api/v9"})
class DiscordChannelsController {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String AUTH = HttpHeaders.AUTHORIZATION;
    /** Discord's bounds: a page of members (default 1), a bulk delete, the age bulk delete reaches back. */
    static final int MAX_MEMBERS = 1000;
    static final int OWNER_PAGE = 100;
    static final int MIN_BULK = 2;
    static final int MAX_BULK = 100;
    static final Duration BULK_AGE = Duration.ofDays(14);

    private final OwnerCalls owners;
    private final Clock clock;

    DiscordChannelsController(OwnerCalls owners, Clock clock) {
        this.owners = owners;
        this.clock = clock;
    }

    // --- guild members ---

    /** Pages through server-service's member list (100 at a time) up to Discord's {@code limit} (1..1000). */
    @GetMapping("/guilds/{guildId}/members")
    ArrayNode members(@RequestHeader(AUTH) String auth, @PathVariable String guildId,
                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        DiscordErrors.snowflake(guildId, "guild_id");
        int wanted = limit == null ? 1 : limit;
        if (wanted < 1 || wanted > MAX_MEMBERS) {
            throw DiscordApiException.invalidForm("limit", "int value should be between 1 and 1000.");
        }
        String cursor = after == null || "0".equals(after) ? null
                : Snowflake.format(DiscordErrors.snowflake(after, "after"));
        ArrayNode out = JSON.arrayNode();
        while (out.size() < wanted) {
            int page = Math.min(OWNER_PAGE, wanted - out.size());
            JsonNode members = cursor == null
                    ? owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/members?limit={limit}",
                    guildId, page).body()
                    : owners.server(HttpMethod.GET, auth, null,
                    "/api/v1/servers/{id}/members?limit={limit}&after={after}", guildId, page, cursor).body();
            for (JsonNode member : members) {
                out.add(member(member));
                cursor = member.path("user_id").asString();
            }
            if (members.size() < page) {
                break;
            }
        }
        return out;
    }

    static ObjectNode member(JsonNode member) {
        JsonNode user = member.path("user").isObject() ? member.path("user")
                : JSON.objectNode().put("user_id", member.path("user_id").asString()).put("username", "");
        return DiscordObjects.member(member, DiscordObjects.user(user, false));
    }

    // --- messages: bulk delete and reactions ---

    /**
     * Deletes 2–100 messages, none older than two weeks (Discord's rules, checked before anything is deleted),
     * one owner call each: message-service checks each as it would a single delete.
     */
    @PostMapping("/channels/{channelId}/messages/bulk-delete")
    ResponseEntity<Void> bulkDelete(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                    @RequestBody JsonNode body) {
        DiscordErrors.snowflake(channelId, "channel_id");
        JsonNode ids = body == null ? null : body.path("messages");
        if (ids == null || !ids.isArray() || ids.size() < MIN_BULK || ids.size() > MAX_BULK) {
            throw DiscordApiException.invalidForm("messages", "Must be between 2 and 100 in length.");
        }
        Set<Long> messages = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.isString() && !id.isIntegralNumber()) {
                throw DiscordApiException.invalidForm("messages." + i, "Value is not snowflake.");
            }
            long messageId = DiscordErrors.snowflake(id.isString() ? id.asString() : id.numberValue().toString(),
                    "messages." + i);
            if (Snowflake.timestamp(messageId).isBefore(clock.instant().minus(BULK_AGE))) {
                throw new DiscordApiException(400, 50034,
                        "You can only bulk delete messages that are under 14 days old.");
            }
            messages.add(messageId);
        }
        if (messages.size() < MIN_BULK) {
            throw DiscordApiException.invalidForm("messages", "Duplicate messages");
        }
        for (long messageId : messages) {
            try {
                owners.message(HttpMethod.DELETE, auth, null, "/api/v1/channels/{id}/messages/{message}", channelId,
                        Snowflake.format(messageId));
            } catch (OwnerCalls.Refused e) {
                // one already gone is no reason to stop (Discord ignores unknown ids in a bulk delete)
                if (!"UNKNOWN_MESSAGE".equals(e.ownerCode())) {
                    throw e;
                }
            }
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/channels/{channelId}/messages/{messageId}/reactions/{emoji}")
    ArrayNode reactions(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                        @PathVariable String messageId, @PathVariable String emoji,
                        @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) Integer type) {
        if (type != null && type != 0) {
            // burst ("super") reactions do not exist here: nobody reacted that way
            return JSON.arrayNode();
        }
        int size = limit == null ? 25 : limit;
        if (size < 1 || size > 100) {
            throw DiscordApiException.invalidForm("limit", "int value should be between 1 and 100.");
        }
        String path = "/api/v1/channels/{id}/messages/{message}/reactions/{emoji}?limit={limit}";
        JsonNode users = after == null
                ? owners.message(HttpMethod.GET, auth, null, path, channelId, messageId, emoji, size).body()
                : owners.message(HttpMethod.GET, auth, null, path + "&after={after}", channelId, messageId, emoji,
                size, Snowflake.format(DiscordErrors.snowflake(after, "after"))).body();
        ArrayNode out = JSON.arrayNode();
        users.forEach(u -> out.add(DiscordObjects.user(u, false)));
        return out;
    }

    /** Removing one's own reaction by user id is {@code @me}; removing another's is a moderator's, not built. */
    @DeleteMapping("/channels/{channelId}/messages/{messageId}/reactions/{emoji}/{userId}")
    ResponseEntity<Void> removeReaction(Caller caller, @RequestHeader(AUTH) String auth,
                                        @PathVariable String channelId, @PathVariable String messageId,
                                        @PathVariable String emoji, @PathVariable String userId) {
        if (!"@me".equals(userId) && DiscordErrors.snowflake(userId, "user_id") != caller.userId()) {
            throw new DiscordApiException(403, 50013, "Missing Permissions");
        }
        owners.message(HttpMethod.DELETE, auth, null,
                "/api/v1/channels/{id}/messages/{message}/reactions/{emoji}/@me", channelId, messageId, emoji);
        return ResponseEntity.noContent().build();
    }

    // --- pins: the classic routes and the newer /messages/pins ---

    @GetMapping("/channels/{channelId}/pins")
    ArrayNode pins(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId) {
        ArrayNode out = JSON.arrayNode();
        owners.message(HttpMethod.GET, auth, null, "/api/v1/channels/{id}/pins", channelId).body()
                .forEach(m -> out.add(DiscordShapes.message(m, caller.userId())));
        return out;
    }

    /** {@code {items: [{pinned_at, message}], has_more}}; every pin fits one page (a channel holds at most 50). */
    @GetMapping("/channels/{channelId}/messages/pins")
    ObjectNode pinsPage(Caller caller, @RequestHeader(AUTH) String auth, @PathVariable String channelId) {
        ObjectNode page = JSON.objectNode();
        ArrayNode items = page.putArray("items");
        owners.message(HttpMethod.GET, auth, null, "/api/v1/channels/{id}/pins", channelId).body()
                .forEach(m -> items.addObject()
                        .put("pinned_at", m.path("pinned_at").asString(m.path("created_at").asString()))
                        .set("message", DiscordShapes.message(m, caller.userId())));
        page.put("has_more", false);
        return page;
    }

    @PutMapping({"/channels/{channelId}/pins/{messageId}", "/channels/{channelId}/messages/pins/{messageId}"})
    ResponseEntity<Void> pin(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                             @PathVariable String messageId) {
        owners.message(HttpMethod.PUT, auth, null, "/api/v1/channels/{id}/pins/{message}", channelId, messageId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping({"/channels/{channelId}/pins/{messageId}", "/channels/{channelId}/messages/pins/{messageId}"})
    ResponseEntity<Void> unpin(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                               @PathVariable String messageId) {
        owners.message(HttpMethod.DELETE, auth, null, "/api/v1/channels/{id}/pins/{message}", channelId, messageId);
        return ResponseEntity.noContent().build();
    }

    // --- permission overwrites ---

    /** Discord's {@code type} 0 (role) or 1 (member); {@code allow}/{@code deny} as strings (or numbers). */
    @PutMapping("/channels/{channelId}/permissions/{targetId}")
    ResponseEntity<Void> putOverwrite(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                      @PathVariable String targetId, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new DiscordApiException(400, 50109, "The request body contains invalid JSON.");
        }
        JsonNode type = body.path("type");
        String kind = type.isIntegralNumber() || type.isString() ? switch (type.asString()) {
            case "0" -> "role";
            case "1" -> "member";
            default -> null;
        } : null;
        if (kind == null) {
            throw DiscordApiException.invalidForm("type", "Value must be one of {0, 1}.");
        }
        Map<String, Object> overwrite = new LinkedHashMap<>();
        overwrite.put("type", kind);
        overwrite.put("allow", bits(body, "allow"));
        overwrite.put("deny", bits(body, "deny"));
        owners.server(HttpMethod.PUT, auth, overwrite, "/api/v1/channels/{id}/permissions/{target}", channelId,
                targetId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/channels/{channelId}/permissions/{targetId}")
    ResponseEntity<Void> deleteOverwrite(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                                         @PathVariable String targetId) {
        owners.server(HttpMethod.DELETE, auth, null, "/api/v1/channels/{id}/permissions/{target}", channelId,
                targetId);
        return ResponseEntity.noContent().build();
    }

    private static String bits(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "0";
        }
        String text = value.isIntegralNumber() ? value.numberValue().toString() : value.isString() ? value.asString()
                : null;
        if (text == null || !text.matches("[0-9]{1,20}")) {
            throw DiscordApiException.invalidForm(field, "Must be a permission bit set (a decimal string).");
        }
        return text;
    }

    // --- invites ---

    /** A channel's invites: the server's (server-service lists them per server), this channel's only. */
    @GetMapping("/channels/{channelId}/invites")
    ArrayNode invites(@RequestHeader(AUTH) String auth, @PathVariable String channelId) {
        long channel = DiscordErrors.snowflake(channelId, "channel_id");
        JsonNode c = owners.server(HttpMethod.GET, auth, null, "/api/v1/channels/{id}", channelId).body();
        String serverId = c.path("server_id").asString("");
        ArrayNode out = JSON.arrayNode();
        if (serverId.isEmpty()) {
            return out;
        }
        owners.server(HttpMethod.GET, auth, null, "/api/v1/servers/{id}/invites", serverId).body().forEach(i -> {
            if (Snowflake.format(channel).equals(i.path("channel_id").asString())) {
                out.add(DiscordShapes.invite(i));
            }
        });
        return out;
    }

    /** {@code max_age} (default 86400) and {@code max_uses}; {@code temporary} and {@code unique} are ignored. */
    @PostMapping("/channels/{channelId}/invites")
    ObjectNode createInvite(@RequestHeader(AUTH) String auth, @PathVariable String channelId,
                            @RequestBody(required = false) JsonNode body) {
        Map<String, Object> create = new LinkedHashMap<>();
        if (body != null && body.isObject()) {
            copyInt(body, "max_age", create);
            copyInt(body, "max_uses", create);
        }
        return DiscordShapes.invite(owners.server(HttpMethod.POST, auth, create, "/api/v1/channels/{id}/invites",
                channelId).body());
    }

    private static void copyInt(JsonNode body, String field, Map<String, Object> into) {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber()) {
            throw DiscordApiException.invalidForm(field, "Must be an integer.");
        }
        into.put(field, value.asInt());
    }
}
