package dev.guildhall.server.user;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.client.InternalClients;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * auth-service's bulk user lookup, {@code GET /internal/users?ids=1,2,3}, behind the
 * {@code auth-service} circuit breaker and time limiter. Accepts a JSON array of users or an
 * object with a {@code users} array; each user carries {@code user_id, username, avatar_url}.
 */
@Component
class AuthServiceClient implements AutoCloseable {

    static final String CIRCUIT = "auth-service";
    private static final int CHUNK = 100;

    private final RestClient client;
    private final JsonMapper json;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final ExecutorService executor;

    AuthServiceClient(AuthClientProperties props, InternalClients clients, JsonMapper json,
                      CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
        this.client = clients.builder(props.url(), props.timeout()).build();
        this.json = json;
        this.breaker = breakers.circuitBreaker(CIRCUIT);
        this.limiter = limiters.timeLimiter(CIRCUIT);
        this.executor = new ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "auth-lookup");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** @throws Exception when auth-service is down, slow, refuses, or the breaker is open */
    List<Found> fetch(Collection<Long> userIds) throws Exception {
        List<Long> ids = new ArrayList<>(userIds);
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            Callable<List<Found>> guarded = CircuitBreaker.decorateCallable(breaker,
                    TimeLimiter.decorateFutureSupplier(limiter,
                            () -> CompletableFuture.supplyAsync(() -> call(chunk), executor)));
            found.addAll(guarded.call());
        }
        return found;
    }

    private List<Found> call(List<Long> ids) {
        String body = client.get()
                .uri(uri -> uri.path("/internal/users")
                        .queryParam("ids", ids.stream().map(Snowflake::format).collect(Collectors.joining(",")))
                        .build())
                .retrieve()
                .body(String.class);
        JsonNode root = json.readTree(body == null ? "[]" : body);
        JsonNode users = root.isArray() ? root : root.path("users");
        List<Found> result = new ArrayList<>();
        for (JsonNode user : users) {
            String id = JsonText.of(user.path("user_id"));
            if (id != null) {
                result.add(new Found(Snowflake.parse(id), JsonText.of(user.path("username")),
                        JsonText.of(user.path("avatar_url"))));
            }
        }
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    record Found(long userId, String username, String avatarUrl) {
    }
}
