package dev.guildhall.gateway;

import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 3 (ADR 206): a client that sends its request slowly is answered 408 and dropped within the
 * budget, and one address cannot hold more than its share of connections, while WebSockets live on. Raw sockets,
 * since an HTTP client library never sends this slowly; 127.0.0.2 plays a second client address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowClientTest {

    @LocalServerPort
    int port;

    /**
     * The stand-in fleet of {@link GatewayIntegrationTest}, short deadlines, a cap of 4, and no trusted proxy: the
     * TCP peer is the client (behind trusted proxies, as in the shared context, no cap applies).
     */
    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.wireServices(registry, GatewayIntegrationTest.urls());
        String redis = TestInfrastructure.get().redisUrl();
        registry.add("guildhall.redis.url", () -> redis);
        registry.add("guildhall.gateway.connections.request-head-timeout", () -> "2s");
        registry.add("guildhall.gateway.connections.body-read-timeout", () -> "10s");
        registry.add("guildhall.gateway.connections.body-timeout", () -> "3s");
        registry.add("guildhall.gateway.connections.max-per-address", () -> "4");
        registry.add("server.netty.idle-timeout", () -> "2s");
    }

    /** Every slow request must be over within this (deadlines of 2–3 s, a loaded machine). */
    private static final long BUDGET_MILLIS = 8_000;

    @Test
    void aPartialRequestLineIsTimedOut() throws Exception {
        try (Socket socket = connect("127.0.0.1")) {
            long start = System.nanoTime();
            write(socket, "GET /api/v1/servers/42/memb");
            String answer = readUntilClosed(socket);
            assertThat(millisSince(start)).isLessThan(BUDGET_MILLIS);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"code\":\"REQUEST_TIMEOUT\"");
        }
    }

    @Test
    void headersDrippedEverySecondAreTimedOutEvenThoughBytesKeepComing() throws Exception {
        try (Socket socket = connect("127.0.0.1")) {
            long start = System.nanoTime();
            write(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n");
            AtomicReference<String> answer = new AtomicReference<>();
            Thread reader = new Thread(() -> answer.set(readUntilClosed(socket)));
            reader.start();
            for (int i = 0; i < 20 && reader.isAlive(); i++) {
                Thread.sleep(1_000);
                try {
                    write(socket, "X-Drip-" + i + ": x\r\n");
                } catch (IOException closed) {
                    break;
                }
            }
            reader.join(BUDGET_MILLIS);
            assertThat(millisSince(start)).isLessThan(BUDGET_MILLIS);
            assertThat(answer.get()).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedWithoutAnUnaskedAnswer() throws Exception {
        // a 408 written into an idle kept-alive connection is read by a client reusing it as the answer to its next
        // request: after a response the connection is only closed (here by the 2 s idle timeout), never answered
        try (Socket socket = connect("127.0.0.1")) {
            write(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String answer = readUntilClosed(socket);
            assertThat(answer).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 408");
            // the one answer asked for, then the close: no second status line
            assertThat(answer.split("HTTP/1\\.1 ", -1)).as(answer).hasSize(2);
        }
    }

    @Test
    void aBodyDrippedByteByByteIsTimedOut() throws Exception {
        try (Socket socket = connect("127.0.0.1")) {
            long start = System.nanoTime();
            write(socket, "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{");
            AtomicReference<String> answer = new AtomicReference<>();
            Thread reader = new Thread(() -> answer.set(readUntilClosed(socket)));
            reader.start();
            for (int i = 0; i < 20 && reader.isAlive(); i++) {
                Thread.sleep(1_000);
                try {
                    write(socket, " ");
                } catch (IOException closed) {
                    break;
                }
            }
            reader.join(BUDGET_MILLIS);
            assertThat(millisSince(start)).isLessThan(BUDGET_MILLIS);
            assertThat(answer.get()).startsWith("HTTP/1.1 408");
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsConnectionsWhileWebSocketsOutliveTheDeadlines() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        List<CompletableFuture<String>> echoes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sockets.add(openWebSocket(client, echoes));
        }
        // past the head deadline, the idle timeout and the body timeout: an upgraded connection is none's business
        Thread.sleep(4_000);
        for (int i = 0; i < 4; i++) {
            echoes.set(i, new CompletableFuture<>());
            sockets.get(i).sendText("ping" + i, true);
            assertThat(echoes.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("websocket:ping" + i);
        }

        try (Socket fifth = connect("127.0.0.1")) {
            write(fifth, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(readUntilClosed(fifth)).as("the fifth connection of one address").isEmpty();
        }
        try (Socket other = connect("127.0.0.2")) {
            write(other, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(readUntilClosed(other)).as("another address").startsWith("HTTP/1.1 200");
        }

        sockets.remove(0).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        String again = "";
        for (int attempt = 0; attempt < 20 && !again.startsWith("HTTP/1.1 200"); attempt++) {
            Thread.sleep(100);
            try (Socket socket = connect("127.0.0.1")) {
                write(socket, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                again = readUntilClosed(socket);
            }
        }
        assertThat(again).as("a freed place").startsWith("HTTP/1.1 200");
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    private WebSocket openWebSocket(HttpClient client, List<CompletableFuture<String>> echoes) throws Exception {
        int index = echoes.size();
        echoes.add(new CompletableFuture<>());
        return client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/gateway"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        echoes.get(index).complete(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) BUDGET_MILLIS);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sends until it closes the connection (or a reset, or the budget passes). */
    private static String readUntilClosed(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return received.toString(StandardCharsets.US_ASCII) + "<still open>";
        } catch (IOException reset) {
            // a reset counts as closed
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
