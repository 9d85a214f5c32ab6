package dev.guildhall.message.db;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.ArrayList;
import java.util.List;

/**
 * Where message-service keeps its data: one database per physical shard (messages, reactions,
 * pins, read states, outbox, direct-message channels) and the global database (the
 * {@code dm_channels} pair index only).
 *
 * @param globalUrl       {@code GUILDHALL_DB_URL_GLOBAL}
 * @param shardUrls       {@code GUILDHALL_DB_URL_SHARDS}, comma-separated; physical shard i is the i-th URL
 * @param shardAssignment {@code GUILDHALL_SHARD_ASSIGNMENT}: the physical shard of each logical
 *                        shard (e.g. {@code 0,0,0,0,1,1,1,1}); empty = 8 logical shards round-robin
 * @param poolSize        connections per database
 */
@Validated
@ConfigurationProperties("guildhall.db")
public record DatabaseProperties(
        @NotBlank String globalUrl,
        @NotEmpty List<String> shardUrls,
        String shardAssignment,
        String username,
        String password,
        @Min(2) int poolSize) {

    public static final int DEFAULT_LOGICAL_SHARDS = 8;

    public DatabaseProperties {
        shardUrls = shardUrls == null ? List.of()
                : shardUrls.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        poolSize = poolSize <= 0 ? 10 : poolSize;
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
