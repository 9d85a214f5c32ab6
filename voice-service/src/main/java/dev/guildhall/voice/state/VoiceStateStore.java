package dev.guildhall.voice.state;

import dev.guildhall.voice.redis.RedisConnection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Voice sessions in Redis, stored as their public {@link VoiceState} payload. A user has at most one
 * ({@code voice:user:<id>}); each channel keeps its members' ({@code voice:channel:<id>}, a hash by user id) and so does each server ({@code voice:server:<id>}, for
 * READY); each channel with people in it has a conference on one media node ({@code voice:conference:<channel
 * id>} → node id, all of them listed in {@code voice:conferences}). The node id travels inside the stored JSON
 * under {@code _node_id}; the public payload omits it.
 */
@Component
public class VoiceStateStore implements VoiceSessions {

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

    @Override
    public Optional<VoiceSession> ofUser(long userId) {
        return Optional.ofNullable(redis.with(r -> r.get(USER + userId))).map(this::read);
    }

    @Override
    public List<VoiceSession> inChannel(long channelId) {
        return sessionsIn(CHANNEL + channelId);
    }

    @Override
    public List<VoiceSession> inServer(long serverId) {
        return sessionsIn(SERVER + serverId);
    }

    /** The sessions in one of the hashes, first joined first. */
    private List<VoiceSession> sessionsIn(String key) {
        Map<String, String> all = redis.with(r -> r.hgetall(key));
        List<VoiceSession> sessions = new ArrayList<>();
        all.values().forEach(v -> sessions.add(read(v)));
        sessions.sort(Comparator.comparing(VoiceSession::joinedAt));
        return sessions;
    }

    @Override
    public void put(VoiceSession session) {
        String body = write(session);
        String user = Long.toString(session.userId());
        redis.transaction(r -> {
            r.multi();
            r.set(USER + session.userId(), body);
            r.hset(CHANNEL + session.channelId(), user, body);
            r.hset(SERVER + session.serverId(), user, body);
            return r.exec();
        });
    }

    @Override
    public boolean remove(VoiceSession session) {
        String user = Long.toString(session.userId());
        return redis.transaction(r -> {
            r.multi();
            r.del(USER + session.userId());
            r.hdel(CHANNEL + session.channelId(), user);
            r.hdel(SERVER + session.serverId(), user);
            r.hlen(CHANNEL + session.channelId());
            var result = r.exec();
            Long left = result.get(3);
            return left != null && left == 0;
        });
    }

    @Override
    public Optional<String> conferenceNode(long channelId) {
        return Optional.ofNullable(redis.with(r -> r.get(CONFERENCE + channelId)));
    }

    @Override
    public void setConferenceNode(long channelId, String nodeId) {
        redis.transaction(r -> {
            r.multi();
            r.set(CONFERENCE + channelId, nodeId);
            r.sadd(CONFERENCES, Long.toString(channelId));
            return r.exec();
        });
    }

    @Override
    public void removeConference(long channelId) {
        redis.transaction(r -> {
            r.multi();
            r.del(CONFERENCE + channelId);
            r.srem(CONFERENCES, Long.toString(channelId));
            return r.exec();
        });
    }

    @Override
    public Set<Long> conferences() {
        Set<Long> ids = new HashSet<>();
        for (String id : redis.with(r -> r.smembers(CONFERENCES))) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                // not a channel id: ignore
            }
        }
        return ids;
    }

    private String write(VoiceSession session) {
        ObjectNode node = json.valueToTree(VoiceState.of(session));
        node.put("_node_id", session.nodeId());
        return json.writeValueAsString(node);
    }

    private VoiceSession read(String body) {
        JsonNode node = json.readTree(body);
        return json.treeToValue(node, VoiceState.class).session(node.path("_node_id").asString(null));
    }
}
