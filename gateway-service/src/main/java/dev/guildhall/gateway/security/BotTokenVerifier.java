package dev.guildhall.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.gateway.routing.StandbyRouter;
import dev.guildhall.support.security.BotTokenVerdicts;
import io.netty.channel.ChannelOption;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks bot-service whether a bot token is valid (ADR 152) and remembers the verdict briefly, keyed by the
 * token's SHA-256: a valid token for {@link BotTokenProperties#validFor()} (so a reset is effective within
 * it), a wrong one for {@link BotTokenProperties#invalidFor()}. Concurrent requests with one token share one
 * call. A failed call is not remembered and surfaces as {@link AuthenticationServiceException} (503).
 */
@Component
public class BotTokenVerifier {

    private final WebClient botService;
    private final BotTokenProperties properties;
    private final AsyncCache<String, Optional<BotTokens.Verified>> cache;

    public BotTokenVerifier(BotTokenProperties properties, StandbyRouter standbys) {
        this.properties = properties;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        this.botService = WebClient.builder().baseUrl(properties.url())
                .clientConnector(new ReactorClientHttpConnector(http))
                .defaultHeader(InternalApi.TOKEN_HEADER, properties.internalToken())
                // while the launcher restarts bot-service, its standby answers (ADR 276, 279)
                .filter((request, next) -> next.exchange(ClientRequest.from(request)
                        .url(standbys.route(request.url())).build()))
                .build();
        this.cache = BotTokenVerdicts.cache(properties.maximumSize(), properties.validFor(), properties.invalidFor())
                .buildAsync();
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
            // a failed call is never an answer: drop it now, so the next request asks again
            return Mono.fromFuture(verdict).doOnError(e -> cache.asMap().remove(key, verdict));
        });
    }

    private Mono<Optional<BotTokens.Verified>> ask(String token) {
        return botService.post().uri(BotTokens.VERIFY_PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Optional.<BotTokens.Verified>empty());
                    }
                    if (!response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody().then(Mono.error(new AuthenticationServiceException(
                                "bot-service answered " + response.statusCode().value())));
                    }
                    return response.bodyToMono(JsonNode.class).map(bot -> Optional.of(BotTokenVerdicts.verified(bot)));
                })
                .timeout(properties.timeout())
                .onErrorMap(e -> !(e instanceof AuthenticationServiceException),
                        e -> new AuthenticationServiceException("Bot token verification is unavailable", e));
    }
}
