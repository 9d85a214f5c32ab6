package dev.guildhall.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.guildhall.gateway.support.Http;
import dev.guildhall.infra.FreePorts;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service restarted beside a standby (ADR 276, 278): voice's primary and its standby are two local servers that say
 * who answered; the gateway shares requests between them while both are ready (a fresh one's share growing over the
 * slow start), sends them all to the standby while the primary refuses traffic (its shutdown drain) or is gone, and
 * all back to the primary once the standby is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StandbyRoutingTest {

    private static final int PRIMARY_PORT = FreePorts.find();
    private static final int STANDBY_PORT = FreePorts.find();

    /** A stand-in instance: answers every request with its name, readiness 200 or 503 as told. */
    static final class Instance {
        final String name;
        final int port;
        volatile boolean ready = true;
        HttpServer server;

        Instance(String name, int port) {
            this.name = name;
            this.port = port;
        }

        void start() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/", exchange -> {
                boolean readiness = exchange.getRequestURI().getPath().equals("/actuator/health/readiness");
                int status = readiness && !ready ? 503 : 200;
                byte[] body = (readiness ? "{\"status\":\"" + (ready ? "UP" : "OUT_OF_SERVICE") + "\"}"
                        : "{\"served_by\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    static final Instance PRIMARY = new Instance("primary", PRIMARY_PORT);
    static final Instance STANDBY = new Instance("standby", STANDBY_PORT);

    @LocalServerPort
    int port;

    Http http;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) throws IOException {
        PRIMARY.start();
        Map<String, String> urls = GatewayIntegrationTest.urls();
        urls.put("voice", "http://127.0.0.1:" + PRIMARY_PORT);
        GatewayIntegrationTest.wireServices(registry, urls);
        registry.add("guildhall.standby.services.voice", () -> "http://127.0.0.1:" + STANDBY_PORT);
        registry.add("guildhall.standby.poll-interval", () -> "100ms");
        registry.add("guildhall.standby.slow-start", () -> "1s");
        String redis = TestInfrastructure.get().redisUrl();
        registry.add("guildhall.redis.url", () -> redis);
    }

    @AfterAll
    static void stopInstances() {
        PRIMARY.stop();
        STANDBY.stop();
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void requestsFollowTheReadyInstanceThroughARestartWithoutOneRefused() throws Exception {
        assertThat(servedBy()).as("no standby running: the primary").isEqualTo("primary");

        STANDBY.start();
        try {
            // both ready: the standby's share grows over the slow start (1 s here) to an equal one
            assertThat(waitForServedByEither("standby", Duration.ofSeconds(5))).as("the ready standby serves too").isTrue();
            Thread.sleep(1_000);
            assertThat(servedByOf(40)).as("both ready, past the slow start: both serve")
                    .contains("primary", "standby");

            // the primary's shutdown drain: it still answers, its readiness refuses traffic
            PRIMARY.ready = false;
            assertThat(waitForServedBy("standby", Duration.ofSeconds(3)))
                    .as("requests move to the standby while the primary drains").isTrue();

            // the primary's process is gone, then started again: every request meanwhile is served
            PRIMARY.stop();
            for (int i = 0; i < 20; i++) {
                assertThat(servedBy()).as("request %d while the primary is down", i).isEqualTo("standby");
            }
            PRIMARY.ready = true;
            PRIMARY.start();
            assertThat(waitForServedByEither("primary", Duration.ofSeconds(3)))
                    .as("the primary serves again once it is ready").isTrue();
            // the standby's own drain, then its end
            STANDBY.ready = false;
            assertThat(waitForServedBy("primary", Duration.ofSeconds(3)))
                    .as("requests move back to the primary while the standby drains").isTrue();
        } finally {
            STANDBY.stop();
        }
        assertThat(servedByOf(20)).as("the standby gone: the primary").containsExactly("primary");
    }

    /** Whether {@code name} served any request within {@code within} (the other one still serving a share). */
    private boolean waitForServedByEither(String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (name.equals(servedBy())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private Set<String> servedByOf(int requests) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            names.add(servedBy());
        }
        return names;
    }

    /**
     * Whether, within {@code within}, ten requests in a row were served by {@code name}: while both instances are
     * ready each serves a share, so one answer says nothing about whether the gateway has seen the other one go.
     */
    private boolean waitForServedBy(String name, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int inARow = 0;
        while (System.nanoTime() < deadline) {
            inARow = name.equals(servedBy()) ? inARow + 1 : 0;
            if (inARow == 10) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private String servedBy() {
        HttpResponse<String> response = http.post("/api/v1/channels/1/voice/join", GatewayIntegrationTest.token(), "{}");
        assertThat(response.statusCode()).as("voice join through the gateway: %s", response.body()).isEqualTo(200);
        return Http.json(response).get("served_by").asString();
    }
}
