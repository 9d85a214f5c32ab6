package dev.guildhall.gateway.support;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a downstream service (the gateway is its client): answers {@code /actuator/health},
 * optionally a JWKS, echoes every other request as JSON ({@code service, method, uri, headers}),
 * never answers a path containing {@code hang}, answers a path containing {@code service-limited} with its
 * own 429 and {@code X-RateLimit-*} set, answers a path containing {@code status-NNN} with that status and a
 * problem body ({@code status-503-busy}: with {@code Retry-After}, as a busy service), echoes a path containing
 * {@code slow-MS} after that many milliseconds, and echoes WebSocket frames ({@code close:<code>} closes
 * the socket with that code instead). {@link #busy} makes it a healthy but busy service: every echo then waits
 * its turn behind a few workers, first come first served, and is worked on even when the caller gave up.
 */
public final class StandInService implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STATUS = Pattern.compile("status-(\\d{3})");
    private static final Pattern SLOW = Pattern.compile("slow-(\\d+)");

    private final String name;
    private final String jwks;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> botTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean botTokensFailing = new AtomicBoolean();
    private final AtomicInteger botTokenChecks = new AtomicInteger();
    private final AtomicReference<Busy> busy = new AtomicReference<>();
    /** Close code of each WebSocket by the first text frame it carried. */
    private final Map<String, CompletableFuture<Integer>> closeCodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final DisposableServer server;

    /** Echoes that are being worked on by one of {@code workers}, each for {@code each}. */
    private record Busy(ExecutorService workers, Duration each) {
    }

    private StandInService(String name, String jwks) {
        this.name = name;
        this.jwks = jwks;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    public static StandInService start(String name) {
        return new StandInService(name, null);
    }

    public static StandInService startWithJwks(String name, String jwks) {
        return new StandInService(name, jwks);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public String name() {
        return name;
    }

    public void healthy(boolean up) {
        healthy.set(up);
    }

    /**
     * As bot-service: {@code /internal/bot-tokens/verify} answers this token with this bot (user id
     * {@code botUserId}, application {@code botUserId + 1}) until {@link #revokeBotToken}.
     */
    public void acceptBotToken(String token, String botUserId) {
        botTokens.put(token, botUserId);
    }

    public void revokeBotToken(String token) {
        botTokens.remove(token);
    }

    /** As a broken bot-service: verification answers 500. */
    public void botTokensFailing(boolean failing) {
        botTokensFailing.set(failing);
    }

    /** Verification calls received (as bot-service). */
    public int botTokenChecks() {
        return botTokenChecks.get();
    }

    /**
     * Healthy but busy: from now on every echo waits for one of {@code workers} (first come, first served) and
     * takes it for {@code each}, as a service whose threads or CPU are all in use; {@code workers = 0} ends it.
     */
    public void busy(int workers, Duration each) {
        Busy next = workers > 0 ? new Busy(Executors.newFixedThreadPool(workers), each) : null;
        Busy previous = busy.getAndSet(next);
        if (previous != null) {
            previous.workers().shutdownNow();
        }
    }

    /**
     * The close code this service received on the WebSocket whose first text frame was {@code firstText}, or null when
     * it has not closed within {@code wait}.
     */
    public Integer closeCodeOf(String firstText, Duration wait) throws InterruptedException {
        try {
            return closeCode(firstText).get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Integer> closeCode(String firstText) {
        return closeCodes.computeIfAbsent(firstText, t -> new CompletableFuture<>());
    }

    /** Requests that reached this service (health checks not counted). */
    public int requests() {
        return requests.get();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if ("websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
            requests.incrementAndGet();
            return response.sendWebsocket((in, out) -> {
                AtomicReference<String> first = new AtomicReference<>();
                in.receiveCloseStatus().subscribe(status -> {
                    if (first.get() != null) {
                        closeCode(first.get()).complete(status.code());
                    }
                });
                return in.receiveFrames()
                    .map(frame -> frame.content().toString(java.nio.charset.StandardCharsets.UTF_8))
                    .doOnNext(text -> first.compareAndSet(null, text))
                    .concatMap(text -> text.startsWith("close:")
                            ? out.sendClose(Integer.parseInt(text.substring(6)), "closed on request")
                            : out.sendString(Mono.just(name + ":" + text)).then())
                    .then();
            });
        }
        if (request.fullPath().equals("/actuator/health")) {
            boolean up = healthy.get();
            return response.status(up ? 200 : 503).header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}")).then();
        }
        if (jwks != null && request.fullPath().equals("/.well-known/jwks.json")) {
            return response.header("Content-Type", "application/json").sendString(Mono.just(jwks)).then();
        }
        if (request.fullPath().equals("/internal/bot-tokens/verify")) {
            return verifyBotToken(request, response);
        }
        requests.incrementAndGet();
        if (request.uri().contains("hang")) {
            return Mono.never();
        }
        if (request.uri().contains("service-limited")) {
            // a service's own refusal, as auth-service's login throttle answers it
            return response.status(HttpResponseStatus.TOO_MANY_REQUESTS).header("Content-Type", "application/json")
                    .header("Retry-After", "42").header("X-RateLimit-Limit", "5").header("X-RateLimit-Remaining", "0")
                    .header("X-RateLimit-Reset", "1700000042.000").header("X-RateLimit-Reset-After", "42.000")
                    .header("X-RateLimit-Bucket", "login:account")
                    .sendString(Mono.just("{\"retry_after\":42.0,\"global\":false}")).then();
        }
        Matcher status = STATUS.matcher(request.uri());
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            if (request.uri().contains("busy")) {
                response.header("Retry-After", "1");
            }
            return response.status(code).header("Content-Type", "application/problem+json")
                    .sendString(Mono.just("{\"status\":" + code + ",\"code\":\"STAND_IN\"}")).then();
        }
        Matcher slow = SLOW.matcher(request.uri());
        Duration delay = slow.find() ? Duration.ofMillis(Long.parseLong(slow.group(1))) : Duration.ZERO;
        Busy busyNow = busy.get();
        return request.receive().aggregate().asByteArray().map(bytes -> bytes.length).defaultIfEmpty(0)
                .delayElement(delay)
                .flatMap(length -> busyNow == null ? Mono.just(length) : Mono.fromFuture(
                        CompletableFuture.supplyAsync(() -> work(busyNow.each(), length),
                                busyNow.workers()), true))
                .flatMap(length -> {
                    Map<String, Object> echo = new LinkedHashMap<>();
                    echo.put("service", name);
                    echo.put("method", request.method().name());
                    echo.put("uri", request.uri());
                    echo.put("body_length", length);
                    Map<String, String> headers = new LinkedHashMap<>();
                    request.requestHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(),
                            (a, b) -> a + ", " + b));
                    echo.put("headers", headers);
                    return response.status(HttpResponseStatus.OK).header("Content-Type", "application/json")
                            .sendString(Mono.just(JSON.writeValueAsString(echo))).then();
                });
    }

    private static int work(Duration each, int length) {
        try {
            Thread.sleep(each.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return length;
    }

    private Mono<Void> verifyBotToken(HttpServerRequest request, HttpServerResponse response) {
        botTokenChecks.incrementAndGet();
        if (!"dev-internal-token".equals(request.requestHeaders().get("X-Guildhall-Internal-Token"))) {
            return response.status(401).send();
        }
        if (botTokensFailing.get()) {
            return response.status(500).send();
        }
        return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(body -> {
            String userId = botTokens.get(JSON.readTree(body).path("token").asString());
            if (userId == null) {
                return response.status(404).send().then();
            }
            String answer = JSON.writeValueAsString(Map.of("user_id", userId,
                    "application_id", Long.toString(Long.parseLong(userId) + 1), "flags", 0));
            return response.header("Content-Type", "application/json").sendString(Mono.just(answer)).then();
        });
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
