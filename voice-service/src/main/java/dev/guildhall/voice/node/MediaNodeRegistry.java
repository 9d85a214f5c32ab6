package dev.guildhall.voice.node;

import dev.guildhall.common.media.MediaNodeReport;
import dev.guildhall.common.media.MediaRedisKeys;
import dev.guildhall.voice.redis.RedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The media nodes as their load reports in Redis describe them ({@link MediaNodeReport}): the set
 * {@code media:nodes} names them, {@code media:node:<id>} holds each one's latest report (with a TTL, so a dead
 * node's report vanishes).
 */
@Component
public class MediaNodeRegistry implements MediaNodes {

    private static final Logger log = LoggerFactory.getLogger(MediaNodeRegistry.class);

    private final RedisConnection redis;
    private final JsonMapper json;

    public MediaNodeRegistry(RedisConnection redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public List<MediaNode> nodes() {
        return redis.with(r -> {
            Set<String> ids = r.smembers(MediaRedisKeys.NODES);
            List<MediaNode> nodes = new ArrayList<>();
            if (ids.isEmpty()) {
                return nodes;
            }
            List<String> keys = ids.stream().sorted().map(MediaRedisKeys::node).toList();
            List<io.lettuce.core.KeyValue<String, String>> reports = r.mget(keys.toArray(String[]::new));
            for (io.lettuce.core.KeyValue<String, String> report : reports) {
                if (report.hasValue()) {
                    parse(report.getValue()).ifPresent(nodes::add);
                }
            }
            return nodes;
        });
    }

    Optional<MediaNode> parse(String report) {
        try {
            MediaNodeReport read = json.readValue(report, MediaNodeReport.class);
            if (read.nodeId() == null || read.nodeId().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(MediaNode.of(read));
        } catch (RuntimeException e) {
            log.warn("ignoring an unreadable media node report: {}", e.toString());
            return Optional.empty();
        }
    }
}
