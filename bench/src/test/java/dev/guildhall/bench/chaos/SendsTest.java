package dev.guildhall.bench.chaos;

import com.sun.net.httpserver.HttpServer;
import dev.guildhall.bench.common.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The chaos load's sends against a stand-in gateway that is busy for the first two requests of each message. */
class SendsTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    private URI busyTwiceThenAccepting(String refusal, int status) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        gateway.createContext("/api/v1/channels/c1/messages", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            long sameMessage = bodies.stream().filter(body::equals).count();
            boolean refuse = sameMessage <= 2;
            if (refuse && refusal == null) {
                exchange.close(); // no answer: the connection ends
                return;
            }
            byte[] answer = (refuse ? refusal : "{\"message_id\":\"m" + bodies.size() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (refuse) {
                exchange.getResponseHeaders().set("Retry-After", "0");
            }
            exchange.sendResponseHeaders(refuse ? status : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
        return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void aRollingRunSendsABusyRefusalAgainWithTheSameNonceAsTheWebClientDoes() throws Exception {
        URI target = busyTwiceThenAccepting("{\"code\":\"OVERLOADED\",\"retry_after\":0}", 429);
        Sends.Attempt first = sendOne(target, 3);

        assertThat(first.outcome).isEqualTo(Sends.Outcome.ACKED);
        assertThat(first.retries).isEqualTo(2);
        assertThat(first.messageId).isEqualTo("m3");
        assertThat(bodies.stream().filter(bodies.get(0)::equals)).as("one message, sent three times with its nonce")
                .hasSize(3);
        assertThat(bodies.get(0)).contains("\"nonce\":\"");
    }

    @Test
    void underSigkillEveryRefusalIsCountedAsAnswered() throws Exception {
        URI target = busyTwiceThenAccepting("{\"code\":\"SERVICE_UNAVAILABLE\"}", 503);
        Sends.Attempt first = sendOne(target, 0);

        assertThat(first.outcome).isEqualTo(Sends.Outcome.REFUSED_FAST);
        assertThat(first.status).isEqualTo(503);
        assertThat(first.retries).isZero();
    }

    @Test
    void aUsersOwnRateLimitIsNotSentAgain() throws Exception {
        URI target = busyTwiceThenAccepting("{\"code\":\"RATE_LIMITED\",\"retry_after\":0}", 429);
        Sends.Attempt first = sendOne(target, 3);

        assertThat(first.outcome).isEqualTo(Sends.Outcome.REFUSED_FAST);
        assertThat(first.retries).isZero();
    }

    @Test
    void aRollingRunSendsAgainWhenNoAnswerCame() throws Exception {
        URI target = busyTwiceThenAccepting(null, 0);
        Sends.Attempt first = sendOne(target, 3, 3_500);

        assertThat(first.outcome).isEqualTo(Sends.Outcome.ACKED);
        assertThat(first.retries).isEqualTo(2);
        assertThat(first.millis()).as("a second between tries").isGreaterThan(1_900);
    }

    private Sends.Attempt sendOne(URI target, int busyRetries) throws Exception {
        return sendOne(target, busyRetries, 300);
    }

    private Sends.Attempt sendOne(URI target, int busyRetries, long settleMillis) throws Exception {
        Fixture.User user = new Fixture.User(0, "u0", "pw", 0);
        user.accessToken = "token";
        Fixture fixture = Fixture.of(List.of(user), List.of(new Fixture.Server(0, "s1", List.of("c1"), List.of(0))));
        // one channel, a send every 500 ms: the first message is what this test looks at
        Sends sends = new Sends(fixture, List.of("c1"), List.of(0), target, 2, () -> 1, busyRetries);
        sends.start();
        try {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                Sends.Attempt a = sends.attempts.get(Sends.key(0, 1));
                if (a != null && a.outcome != null) {
                    Thread.sleep(settleMillis); // the retries would have been made by now
                    return a;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the first send did not end: " + bodies);
        } finally {
            sends.stop();
        }
    }
}
