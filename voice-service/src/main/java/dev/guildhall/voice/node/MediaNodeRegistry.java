package dev.guildhall.voice.node;

import dev.guildhall.voice.redis.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The media nodes as their load reports in Redis describe them: the set {@code media:nodes} names them,
 * {@code media:node:<id>} holds each one's latest report (with a TTL, so a dead node's report vanishes).
 */
@Component
public class MediaNodeRegistry {

    public static final String NODES = "media:nodes";
    public static final String NODE_PREFIX = "media:node:";

    private static final Logger log = LoggerFactory.getLogger(MediaNodeRegistry.class);

    private final RedisConnection redis;
    private final JsonMapper json;

    public MediaNodeRegistry(RedisConnection redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public List<MediaNode> nodes() {
        return redis.with(r -> {
            Set<String> ids = r.smembers(NODES);
            List<MediaNode> nodes = new ArrayList<>();
            if (ids.isEmpty()) {
                return nodes;
            }
            List<String> keys = ids.stream().sorted().map(id -> NODE_PREFIX + id).toList();
            List<io.lettuce.core.KeyValue<String, String>> reports = r.mget(keys.toArray(String[]::new));
            for (io.lettuce.core.KeyValue<String, String> report : reports) {
                if (report.hasValue()) {
                    parse(report.getValue()).ifPresent(nodes::add);
                }
            }
            return nodes;
        });
    }

    public Optional<MediaNode> node(String nodeId) {
        return nodes().stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    Optional<MediaNode> parse(String report) {
        try {
            JsonNode n = json.readTree(report);
            String id = n.path("node_id").asString("");
            if (id.isEmpty()) {
                return Optional.empty();
            }
            String reported = n.path("reported_at").asString("");
            return Optional.of(new MediaNode(id, n.path("signal_url").asString(""), n.path("control_url").asString(""),
                    n.path("conferences").asInt(0), n.path("endpoints").asInt(0),
                    n.path("packets_per_second").asDouble(0), n.path("cpu").asDouble(0),
                    n.path("draining").asBoolean(false),
                    reported.isEmpty() ? null : parseInstant(n.path("reported_at"))));
        } catch (RuntimeException e) {
            log.warn("ignoring an unreadable media node report: {}", e.toString());
            return Optional.empty();
        }
    }

    /** ISO-8601 text or epoch milliseconds. */
    private static Instant parseInstant(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        String text = value.asString();
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return Instant.parse(text);
    }
}
