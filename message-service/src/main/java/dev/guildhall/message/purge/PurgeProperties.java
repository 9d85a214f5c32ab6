package dev.guildhall.message.purge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Content deletion, under {@code guildhall.purge}; defaults and their meaning are documented in
 * {@code application.yml}.
 *
 * @param fileGrace    a deleted message's files stay in the store this long (open links and caches finish)
 * @param batchSize    rows (or objects) deleted per transaction
 * @param pollInterval how often each shard is asked for due jobs
 * @param lease        a job an instance works on is left alone by others this long after its last batch;
 *                     a crashed instance's job is taken over once it passes
 */
@Validated
@ConfigurationProperties("guildhall.purge")
public record PurgeProperties(
        @NotNull Duration fileGrace,
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration pollInterval,
        @NotNull Duration lease) {
}
