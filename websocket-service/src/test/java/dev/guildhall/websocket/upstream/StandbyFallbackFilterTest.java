package dev.guildhall.websocket.upstream;

import com.sun.net.httpserver.HttpServer;
import dev.guildhall.support.client.StandbyOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's upstream calls during a service's restart beside a standby (ADR 279). */
class StandbyFallbackFilterTest {

    private HttpServer standby;

    @AfterEach
    void stop() {
        if (standby != null) {
            standby.stop(0);
        }
    }

    private int serveStandby() throws IOException {
        standby = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        standby.createContext("/internal", exchange -> {
            byte[] body = ("standby " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        standby.start();
        return standby.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static WebClient client(int primary, int standby) {
        return WebClient.builder().filter(new StandbyFallbackFilter(StandbyOrigins.of(
                List.of("http://127.0.0.1:" + primary + "=http://127.0.0.1:" + standby)))).build();
    }

    @Test
    void aCallThePrimaryRefusesGoesToTheStandby() throws Exception {
        int primary = closedPort();
        int standbyPort = serveStandby();

        String answer = client(primary, standbyPort).get().uri("http://127.0.0.1:" + primary + "/internal/servers/1?x=2")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));

        assertThat(answer).isEqualTo("standby /internal/servers/1?x=2");
    }

    @Test
    void aServiceWithoutAStandbyFailsAsBefore() throws Exception {
        int refused = closedPort();
        int standbyPort = serveStandby();

        assertThatThrownBy(() -> client(closedPort(), standbyPort).get().uri("http://127.0.0.1:" + refused + "/internal/x")
                .retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)))
                .isInstanceOf(WebClientRequestException.class);
    }
}
