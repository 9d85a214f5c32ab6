package dev.guildhall.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the gateway verifies {@code Authorization: Bot} tokens with bot-service (ADR 152).
 *
 * @param url           bot-service ({@code GUILDHALL_BOT_URL}; shared default in common's defaults)
 * @param internalToken presented to bot-service's {@code /internal/**} ({@code GUILDHALL_INTERNAL_TOKEN})
 * @param validFor      a verified token is believed this long: a token reset takes effect within it (≤ 5 s)
 * @param invalidFor    a refused token is remembered this long, so a flood of wrong tokens stays at the edge
 * @param timeout       one verification call; past it the request is answered 503
 * @param maximumSize   tokens kept in the cache
 */
@ConfigurationProperties("guildhall.bot-tokens")
public record BotTokenProperties(@DefaultValue("http://localhost:8087") String url,
                                 String internalToken,
                                 @DefaultValue("5s") Duration validFor,
                                 @DefaultValue("2s") Duration invalidFor,
                                 @DefaultValue("2s") Duration timeout,
                                 @DefaultValue("10000") long maximumSize) {
}
