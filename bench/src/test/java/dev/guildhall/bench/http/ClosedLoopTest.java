package dev.guildhall.bench.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The load loop against a real HTTP server on loopback: rotation, status counting, keep-alive. */
class ClosedLoopTest {

    private HttpServer server;
    private final Set<String> tokensSeen = ConcurrentHashMap.newKeySet();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            tokensSeen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            clientPorts.add(exchange.getRemoteAddress().getPort());
            // every fifth request is refused as a rate limiter would
            int status = served.incrementAndGet() % 5 == 0 ? 429 : 200;
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countsAnswersByStatusRotatesTokensAndKeepsItsConnections() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/users/@me");
        ClosedLoop.Outcome outcome;
        try (ClosedLoop loop = new ClosedLoop(2, 4)) {
            outcome = loop.run(uri, List.of("a", "b", "c"), 1.5);
        }

        assertThat(outcome.requests()).isEqualTo(served.get()).isGreaterThan(20);
        assertThat(outcome.errors()).isZero();
        assertThat(outcome.non2xx()).containsOnlyKeys(429);
        assertThat(outcome.non2xx().get(429)).isEqualTo(served.get() / 5);
        assertThat(outcome.latency().count()).isEqualTo(outcome.requests());
        assertThat(tokensSeen).containsExactlyInAnyOrder("Bearer a", "Bearer b", "Bearer c");
        // four requests in flight at most: no new connection per request
        assertThat(clientPorts.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void aRefusedConnectionIsAnErrorNotAnAnswer() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        ClosedLoop.Outcome outcome;
        try (ClosedLoop loop = new ClosedLoop(1, 1)) {
            outcome = loop.run(URI.create("http://127.0.0.1:" + port + "/"), List.of("a"), 0.3);
        }
        assertThat(outcome.requests()).isZero();
        assertThat(outcome.errors()).isPositive();
        assertThat(outcome.firstError()).contains("Connect");
        assertThat(RouteResult.non2xx(Map.of())).isEqualTo("0");
    }
}
