package dev.guildhall.websocket.ready;

import dev.guildhall.websocket.servercache.ServerState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds READY's {@code d} and the per-user server objects it and SERVER_CREATE carry. */
public final class ReadyPayloads {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int version;
    private final String resumeGatewayUrl;

    public ReadyPayloads(int version, String resumeGatewayUrl) {
        this.version = version;
        this.resumeGatewayUrl = resumeGatewayUrl;
    }

    /** The server object with the channels this user may VIEW and the server's roles. */
    public ObjectNode server(ServerState state, long userId) {
        ObjectNode server = state.server().deepCopy();
        server.put("server_id", Long.toString(state.serverId()));
        ArrayNode channels = server.putArray("channels");
        state.visibleChannels(userId).forEach(channels::add);
        ArrayNode roles = server.putArray("roles");
        state.roleObjects().forEach(roles::add);
        return server;
    }

    /**
     * The server object for READY, with the voice states of the voice channels this user may VIEW (who sits in a
     * hidden channel is not theirs to know) and the members who are not offline ({@code presences}).
     */
    public ObjectNode server(ServerState state, long userId, List<JsonNode> voiceStates, Map<Long, String> statuses) {
        ObjectNode server = server(state, userId);
        ArrayNode presences = server.putArray("presences");
        for (Long member : state.memberIds()) {
            String status = statuses.get(member);
            if (status != null && !"offline".equals(status)) {
                presences.addObject().put("user_id", Long.toString(member)).put("status", status);
            }
        }
        Set<String> visible = new HashSet<>();
        server.path("channels").forEach(c -> visible.add(c.path("channel_id").asString()));
        ArrayNode states = server.putArray("voice_states");
        for (JsonNode v : voiceStates) {
            if (visible.contains(v.path("channel_id").asString())) {
                states.add(v);
            }
        }
        return server;
    }

    /** A server whose snapshot is not available yet; SERVER_CREATE follows when it is. */
    public ObjectNode unavailable(long serverId) {
        ObjectNode server = JSON.objectNode();
        server.put("server_id", Long.toString(serverId));
        server.put("unavailable", true);
        return server;
    }

    public ObjectNode ready(JsonNode user, List<ObjectNode> servers, JsonNode readStates, String sessionId) {
        return ready(user, servers, readStates, sessionId, null);
    }

    /** READY; a bot's also names its application ({@code application {application_id, id, flags}}). */
    public ObjectNode ready(JsonNode user, List<ObjectNode> servers, JsonNode readStates, String sessionId,
                            VerifiedUser verified) {
        ObjectNode d = JSON.objectNode();
        if (verified != null && verified.bot()) {
            d.putObject("application")
                    .put("application_id", Long.toString(verified.applicationId()))
                    .put("id", Long.toString(verified.applicationId()))
                    .put("flags", verified.flags());
        }
        d.put("v", version);
        d.set("user", user);
        ArrayNode list = d.putArray("servers");
        servers.forEach(list::add);
        d.set("read_states", readStates);
        d.put("session_id", sessionId);
        d.put("resume_gateway_url", resumeGatewayUrl);
        return d;
    }

    /** The user object when auth-service cannot be asked: what the token says. */
    public static ObjectNode userFromToken(VerifiedUser user) {
        ObjectNode node = JSON.objectNode();
        node.put("user_id", Long.toString(user.userId()));
        if (user.username() != null) {
            node.put("username", user.username());
        } else {
            node.putNull("username");
        }
        node.putNull("avatar_url");
        if (user.bot()) {
            node.put("bot", true);
        }
        return node;
    }
}
