package dev.guildhall.support.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An internal call to a service the launcher is restarting (ADR 279): refused by the primary, it is sent to the
 * standby, with its method, path, body and internal token; an answer of any kind from the primary stays its answer.
 */
class StandbyFallbackTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private int serve(String name, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/internal", exchange -> {
            heard.add(name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " "
                    + exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"));
            byte[] body = ("{\"served_by\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private InternalClients clients(int primary, int standby) {
        return new InternalClients("s3cret", new StandbyFallback(StandbyOrigins.of(
                List.of("http://127.0.0.1:" + primary + "=http://127.0.0.1:" + standby))));
    }

    @Test
    void aCallThePrimaryRefusesToConnectGoesToTheStandby() throws Exception {
        int primary = closedPort();
        int standby = serve("standby", 200);

        String answer = clients(primary, standby).to("http://127.0.0.1:" + primary, Duration.ofSeconds(2))
                .post().uri("/internal/messages?x=1").body("{\"content\":\"hi\"}")
                .header("Content-Type", "application/json").retrieve().body(String.class);

        assertThat(answer).contains("standby");
        assertThat(heard).containsExactly("standby POST /internal/messages?x=1 {\"content\":\"hi\"} s3cret");
    }

    @Test
    void thePrimarysAnswersStayItsOwn() throws Exception {
        int standby = serve("standby", 200);
        int primary = serve("primary", 503);

        assertThatThrownBy(() -> clients(primary, standby).to("http://127.0.0.1:" + primary, Duration.ofSeconds(2))
                .get().uri("/internal/x").retrieve().body(String.class))
                .hasMessageContaining("503");
        assertThat(heard).containsExactly("primary GET /internal/x  s3cret");
    }

    @Test
    void aCalleeWithoutAStandbyFailsAsBefore() throws Exception {
        int refused = closedPort();
        int other = serve("standby", 200);

        assertThatThrownBy(() -> clients(closedPort(), other).to("http://127.0.0.1:" + refused, Duration.ofSeconds(2))
                .get().uri("/internal/x").retrieve().body(String.class))
                .isInstanceOf(org.springframework.web.client.ResourceAccessException.class);
        assertThat(heard).isEmpty();
    }

    @Test
    void pairsAreTwoAbsoluteBaseUrls() {
        assertThat(StandbyOrigins.of(List.of("", " ")).isEmpty()).isTrue();
        StandbyOrigins one = StandbyOrigins.of(List.of("http://localhost:8082=http://localhost:8132"));
        assertThat(one.atStandby(java.net.URI.create("http://LOCALHOST:8082/internal/x?y=1")))
                .hasToString("http://localhost:8132/internal/x?y=1");
        assertThat(one.atStandby(java.net.URI.create("http://localhost:8083/internal/x"))).isNull();
        assertThatThrownBy(() -> StandbyOrigins.of(List.of("http://localhost:8082")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandbyOrigins.of(List.of("localhost=8132")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
