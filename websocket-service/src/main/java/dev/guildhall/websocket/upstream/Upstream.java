package dev.guildhall.websocket.upstream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One dependency behind its own circuit breaker and time limiter. GETs are idempotent, so a
 * connection failure is retried once with a short backoff; a 4xx is an answer, not a failure.
 */
public final class Upstream {

    private final String name;
    private final String baseUrl;
    private final WebClient web;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final JsonMapper mapper;

    public Upstream(String name, String baseUrl, WebClient web, CircuitBreaker breaker, TimeLimiter limiter,
                    JsonMapper mapper) {
        this.name = name;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.web = web;
        this.breaker = breaker;
        this.limiter = limiter;
        this.mapper = mapper;
    }

    public Mono<JsonNode> get(String pathAndQuery, Consumer<HttpHeaders> headers) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        Mono<JsonNode> call = web.get().uri(uri).headers(headers)
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status >= 400 && status < 500) {
                        return response.releaseBody().then(Mono.error(new UpstreamRejectedException(name, status)));
                    }
                    if (status >= 300) {
                        return response.releaseBody().then(Mono.error(
                                new IllegalStateException(name + " answered " + status)));
                    }
                    return response.bodyToMono(byte[].class).map(body -> (JsonNode) mapper.readTree(body));
                });
        return call
                .transformDeferred(TimeLimiterOperator.of(limiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .retryWhen(Retry.backoff(1, Duration.ofMillis(100))
                        .filter(e -> e instanceof WebClientRequestException)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    public String name() {
        return name;
    }
}
