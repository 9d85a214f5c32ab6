package dev.guildhall.gateway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** One downstream instance: UP when its {@code /actuator/health} answers UP within the timeout. */
public class DownstreamHealthIndicator implements ReactiveHealthIndicator {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;
    private final URI healthUri;
    private final Duration timeout;

    public DownstreamHealthIndicator(WebClient client, URI baseUrl, Duration timeout) {
        this.client = client;
        this.healthUri = baseUrl.resolve("/actuator/health");
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return client.get().uri(healthUri)
                .exchangeToMono(response -> response.bodyToMono(JSON)
                        .map(body -> toHealth(response.statusCode(), body))
                        .defaultIfEmpty(toHealth(response.statusCode(), Map.of())))
                .timeout(timeout)
                .onErrorResume(error -> Mono.just(Health.down()
                        .withDetail("url", healthUri.toString())
                        .withDetail("error", error instanceof java.util.concurrent.TimeoutException
                                ? "no answer within " + timeout.toMillis() + " ms" : error.toString())
                        .build()));
    }

    private Health toHealth(HttpStatusCode status, Map<String, Object> body) {
        Object reported = body.get("status");
        Health.Builder health = status.is2xxSuccessful() && "UP".equals(reported) ? Health.up() : Health.down();
        health.withDetail("url", healthUri.toString()).withDetail("http_status", status.value());
        if (reported != null) {
            health.withDetail("reported", reported);
        }
        return health.build();
    }
}
