package dev.guildhall.data.db;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a service keeps its data and how its pools behave (ADR 121): the global database and one
 * database per physical shard. The same settings for every service that stores anything.
 *
 * @param globalUrl         {@code GUILDHALL_DB_URL_GLOBAL}; empty = the service has no global database of its own
 * @param shardUrls         {@code GUILDHALL_DB_URL_SHARDS}, comma-separated; physical shard i is the i-th URL;
 *                          empty = the service keeps nothing in the shards
 * @param shardAssignment   {@code GUILDHALL_SHARD_ASSIGNMENT}: the physical shard of each logical shard
 *                          (e.g. {@code 0,0,0,0,1,1,1,1}); empty = 8 logical shards round-robin
 * @param poolSize          connections per database; at least 2, because each outbox relay that leads a
 *                          database holds one connection for its lock
 * @param minimumIdle       connections kept open when idle (at most {@code poolSize})
 * @param connectionTimeout longest wait for a free connection before the request fails
 * @param startupTimeout    how long a pool keeps trying for its first connection when the service starts before
 *                          it gives up (and the service with it): a database still starting, or a host so busy that
 *                          a handshake outlasts {@code connectionTimeout}, is waited for instead of failing the start
 */
@Validated
@ConfigurationProperties("guildhall.db")
public record DatabaseProperties(
        String globalUrl,
        List<String> shardUrls,
        String shardAssignment,
        String username,
        String password,
        @Min(2) int poolSize,
        @Min(0) int minimumIdle,
        Duration connectionTimeout,
        Duration startupTimeout) {

    public static final int DEFAULT_LOGICAL_SHARDS = 8;
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int DEFAULT_MINIMUM_IDLE = 2;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    @ConstructorBinding
    public DatabaseProperties {
        shardUrls = shardUrls == null ? List.of()
                : shardUrls.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        poolSize = poolSize <= 0 ? DEFAULT_POOL_SIZE : poolSize;
        minimumIdle = Math.min(minimumIdle <= 0 ? DEFAULT_MINIMUM_IDLE : minimumIdle, poolSize);
        connectionTimeout = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
        startupTimeout = startupTimeout == null ? DEFAULT_STARTUP_TIMEOUT : startupTimeout;
    }

    /** Only the places and credentials; pool settings take their defaults. */
    public DatabaseProperties(String globalUrl, List<String> shardUrls, String shardAssignment, String username,
                              String password, int poolSize) {
        this(globalUrl, shardUrls, shardAssignment, username, password, poolSize, 0, null, null);
    }

    /** The physical shard of each logical shard, as configured (empty list = use the default). */
    public List<Integer> assignment() {
        List<Integer> list = new ArrayList<>();
        if (shardAssignment == null || shardAssignment.isBlank()) {
            return list;
        }
        for (String part : shardAssignment.split(",")) {
            String value = part.trim();
            if (!value.isEmpty()) {
                try {
                    list.add(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(
                            "GUILDHALL_SHARD_ASSIGNMENT must list physical shard numbers: " + shardAssignment);
                }
            }
        }
        return list;
    }
}
