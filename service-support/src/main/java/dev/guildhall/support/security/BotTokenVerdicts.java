package dev.guildhall.support.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.guildhall.common.security.BotTokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How every verifier of {@code Authorization: Bot} tokens remembers bot-service's verdicts (ADR 152) — the servlet
 * services' {@link RemoteBotTokenVerifier}, the gateway's and websocket-service's reactive ones: keyed by the token's
 * SHA-256 (never the token), a valid token for {@code validFor} (so a reset bites within it), a refused one for
 * {@code invalidFor}; and how bot-service's 200 answer reads. A failed call is never a verdict: callers do not
 * remember it.
 */
public final class BotTokenVerdicts {

    private BotTokenVerdicts() {
    }

    /** The cache key of a token. */
    public static String key(String token) {
        return HexFormat.of().formatHex(BotTokens.hash(token));
    }

    /** A cache builder whose entries live as long as their verdict may be believed. */
    public static Caffeine<String, Optional<BotTokens.Verified>> cache(long maximumSize, Duration validFor,
                                                                     Duration invalidFor) {
        long valid = validFor.toNanos();
        long invalid = invalidFor.toNanos();
        return Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Optional<BotTokens.Verified>>creating(
                        (key, verdict) -> Duration.ofNanos(verdict.isPresent() ? valid : invalid)));
    }

    /** bot-service's answer to a valid token: {@code {user_id, application_id, flags}}. */
    public static BotTokens.Verified verified(JsonNode bot) {
        return new BotTokens.Verified(bot.path("user_id").asString(), bot.path("application_id").asString(),
                bot.path("flags").asLong(0));
    }
}
