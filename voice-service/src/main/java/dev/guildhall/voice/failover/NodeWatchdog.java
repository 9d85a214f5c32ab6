package dev.guildhall.voice.failover;

import dev.guildhall.voice.config.VoiceProperties;
import dev.guildhall.voice.node.MediaNode;
import dev.guildhall.voice.node.MediaNodes;
import dev.guildhall.voice.redis.RedisConnection;
import dev.guildhall.voice.state.VoiceSessions;
import io.lettuce.core.SetArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Notices media nodes that stopped reporting (dead) or are draining and moves their conferences to live nodes
 * ({@link ConferenceRelocator}). Several voice-service instances may run: a short Redis lock per conference
 * makes one of them do each move.
 */
@Component
class NodeWatchdog {

    private static final Logger log = LoggerFactory.getLogger(NodeWatchdog.class);

    private final VoiceSessions store;
    private final MediaNodes registry;
    private final ConferenceRelocator relocator;
    private final RedisConnection redis;
    private final VoiceProperties properties;
    private final Clock clock;

    NodeWatchdog(VoiceSessions store, MediaNodes registry, ConferenceRelocator relocator, RedisConnection redis,
                 VoiceProperties properties, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.relocator = relocator;
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${guildhall.voice.watchdog-interval}", initialDelayString = "${guildhall.voice.watchdog-interval}")
    void check() {
        try {
            relocator.freeMovedConferences();
            Instant now = clock.instant();
            Map<String, MediaNode> nodes = registry.nodes().stream()
                    .collect(Collectors.toMap(MediaNode::nodeId, Function.identity(), (a, b) -> a));
            for (long channelId : store.conferences()) {
                String nodeId = store.conferenceNode(channelId).orElse(null);
                MediaNode node = nodeId == null ? null : nodes.get(nodeId);
                boolean healthy = node != null && node.acceptsConferencesAt(now, properties.nodeStaleAfter());
                if (healthy || !lock(channelId)) {
                    continue;
                }
                relocator.relocate(channelId, nodeId);
            }
        } catch (RuntimeException e) {
            log.info("voice watchdog round skipped: {}", e.getMessage());
        }
    }

    private boolean lock(long channelId) {
        String ok = redis.with(r -> r.set("voice:relocating:" + channelId, "1",
                SetArgs.Builder.nx().px(properties.watchdogInterval().multipliedBy(3).toMillis())));
        return "OK".equals(ok);
    }
}
