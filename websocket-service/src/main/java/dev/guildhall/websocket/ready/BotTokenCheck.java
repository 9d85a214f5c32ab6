package dev.guildhall.websocket.ready;

import com.github.benmanes.caffeine.cache.AsyncCache;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.security.BotTokenVerdicts;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks bot-service whether a bot token is valid, exactly as the gateway and the services do (ADR 152): the
 * verdict is remembered by the token's SHA-256 for {@code validFor} (so a reset bites within it) or, for a
 * wrong token, {@code invalidFor}. A failed call is not remembered and surfaces as an error (IDENTIFY closes
 * with 4000, try again), never as a wrong token.
 */
public final class BotTokenCheck {

    private final WebClient botService;
    private final Duration timeout;
    private final AsyncCache<String, Optional<BotTokens.Verified>> cache;

    public BotTokenCheck(WebClient web, String url, String internalToken, Duration timeout, Duration validFor,
                         Duration invalidFor) {
        this.botService = web.mutate().baseUrl(url).defaultHeader(InternalApi.TOKEN_HEADER, internalToken).build();
        this.timeout = timeout;
        this.cache = BotTokenVerdicts.cache(10_000, validFor, invalidFor).buildAsync();
    }

    /** The bot, or empty for a wrong or revoked token; an error when bot-service cannot tell. */
    public Mono<Optional<BotTokens.Verified>> verify(String token) {
        if (BotTokens.claimedUserId(token).isEmpty()) {
            return Mono.just(Optional.empty());
        }
        String key = BotTokenVerdicts.key(token);
        return Mono.defer(() -> {
            CompletableFuture<Optional<BotTokens.Verified>> verdict =
                    cache.get(key, (k, executor) -> ask(token).toFuture());
            return Mono.fromFuture(verdict).doOnError(e -> cache.asMap().remove(key, verdict));
        });
    }

    private Mono<Optional<BotTokens.Verified>> ask(String token) {
        return botService.post().uri(BotTokens.VERIFY_PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == 404) {
                        return response.releaseBody().thenReturn(Optional.<BotTokens.Verified>empty());
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.<Optional<BotTokens.Verified>>error(
                                new IllegalStateException("bot-service answered " + response.statusCode().value())));
                    }
                    return response.bodyToMono(JsonNode.class).map(bot -> Optional.of(BotTokenVerdicts.verified(bot)));
                })
                .timeout(timeout);
    }
}
