package dev.guildhall.voice.state;

import dev.guildhall.voice.redis.RedisConnection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Voice states in Redis. A user has at most one ({@code voice:user:<id>}); each channel keeps its members'
 * ({@code voice:channel:<id>}, a hash by user id) and so does each server ({@code voice:server:<id>}, for
 * READY); each channel with people in it has a conference on one media node ({@code voice:conference:<channel
 * id>} → node id, all of them listed in {@code voice:conferences}). The node id travels inside the stored JSON
 * under {@code _node_id}; the public payload omits it.
 */
@Component
public class VoiceStateStore {

    private static final String USER = "voice:user:";
    private static final String CHANNEL = "voice:channel:";
    private static final String SERVER = "voice:server:";
    private static final String CONFERENCE = "voice:conference:";
    private static final String CONFERENCES = "voice:conferences";

    private final RedisConnection redis;
    private final JsonMapper json;

    public VoiceStateStore(RedisConnection redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<VoiceState> ofUser(long userId) {
        return Optional.ofNullable(redis.with(r -> r.get(USER + userId))).map(this::read);
    }

    public List<VoiceState> inChannel(long channelId) {
        return statesIn(CHANNEL + channelId);
    }

    /** Everyone in a voice channel of the server (for READY). */
    public List<VoiceState> inServer(long serverId) {
        return statesIn(SERVER + serverId);
    }

    /** The states in one of the hashes, first joined first. */
    private List<VoiceState> statesIn(String key) {
        Map<String, String> all = redis.with(r -> r.hgetall(key));
        List<VoiceState> states = new ArrayList<>();
        all.values().forEach(v -> states.add(read(v)));
        states.sort(Comparator.comparing(VoiceState::joinedAt));
        return states;
    }

    public void put(VoiceState state) {
        String body = write(state);
        redis.transaction(r -> {
            r.multi();
            r.set(USER + state.userId(), body);
            r.hset(CHANNEL + state.channelId(), state.userId(), body);
            r.hset(SERVER + state.serverId(), state.userId(), body);
            return r.exec();
        });
    }

    /** Removes the user's state; true when the channel is empty afterwards. */
    public boolean remove(VoiceState state) {
        return redis.transaction(r -> {
            r.multi();
            r.del(USER + state.userId());
            r.hdel(CHANNEL + state.channelId(), state.userId());
            r.hdel(SERVER + state.serverId(), state.userId());
            r.hlen(CHANNEL + state.channelId());
            var result = r.exec();
            Long left = result.get(3);
            return left != null && left == 0;
        });
    }

    public Optional<String> conferenceNode(long channelId) {
        return Optional.ofNullable(redis.with(r -> r.get(CONFERENCE + channelId)));
    }

    public void setConferenceNode(long channelId, String nodeId) {
        redis.transaction(r -> {
            r.multi();
            r.set(CONFERENCE + channelId, nodeId);
            r.sadd(CONFERENCES, Long.toString(channelId));
            return r.exec();
        });
    }

    public void removeConference(long channelId) {
        redis.transaction(r -> {
            r.multi();
            r.del(CONFERENCE + channelId);
            r.srem(CONFERENCES, Long.toString(channelId));
            return r.exec();
        });
    }

    /** Channel ids that have a conference. */
    public Set<String> conferences() {
        return redis.with(r -> r.smembers(CONFERENCES));
    }

    private String write(VoiceState state) {
        var node = json.valueToTree(state);
        ((tools.jackson.databind.node.ObjectNode) node).put("_node_id", state.nodeId());
        return json.writeValueAsString(node);
    }

    private VoiceState read(String body) {
        var node = json.readTree(body);
        VoiceState state = json.treeToValue(node, VoiceState.class);
        return state.onNode(node.path("_node_id").asString(null), state.sessionId());
    }
}
