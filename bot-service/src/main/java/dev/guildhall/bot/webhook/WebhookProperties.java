package dev.guildhall.bot.webhook;

import dev.guildhall.support.ratelimit.Limit;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guildhall.bot.webhooks} (documented in application.yml).
 *
 * @param maxPerChannel webhooks one channel may have
 * @param rateLimit     executions per webhook
 * @param publicUrl     prefix of a webhook's {@code url}; empty for a path-only url
 */
@Validated
@ConfigurationProperties("guildhall.bot.webhooks")
public record WebhookProperties(@Min(1) int maxPerChannel, @NotNull Limit rateLimit, @DefaultValue("") String publicUrl) {
}
