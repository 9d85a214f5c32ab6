package dev.guildhall.e2e;

import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One message's trace, followed through the logs (ADR 172): sent through the gateway with a client's
 * {@code traceparent}, its trace id shows up in message-service's log (the outbox relay publishing it to
 * Kafka) and in a websocket node's log (the dispatch to the recipient's session). E2eFleet turns the
 * {@code guildhall.trace} loggers on.
 */
class TracingTest {

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aMessagesTraceIdRunsFromTheRestCallToTheDeliveryInTheLogs() throws Exception {
        Fleet fleet = E2eFleet.get();
        User ann = Scenario.register(api, "trc");
        Server server = Scenario.server(api, ann);
        SecureRandom random = new SecureRandom();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        random.nextBytes(trace);
        random.nextBytes(span);
        String traceId = HexFormat.of().formatHex(trace);
        String clientSpan = HexFormat.of().formatHex(span);

        try (LiveSocket live = LiveSocket.identify(LiveSocket.gatewayUrl(), ann.token())) {
            String traceparent = "00-" + traceId + "-" + clientSpan + "-01";
            HttpResponse<String> sent = send(server.general(), ann.token(), traceparent);
            for (int retry = 0; retry < 10 && sent.statusCode() == 503; retry++) {
                // a loaded machine can exceed the gateway's time budget: it refuses fast, the client retries
                // with the same nonce (and the same trace)
                Thread.sleep(2000);
                sent = send(server.general(), ann.token(), traceparent);
            }
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            String id = Api.JSON.readTree(sent.body()).get("message_id").asString();
            assertThat(live.dispatch("MESSAGE_CREATE", "message_id", id, 30)).isNotNull();
        }

        List<String> published = awaitLines(fleet.logFile("message-service"), traceId, "publishing MESSAGE_CREATE");
        assertThat(published).as("message-service's relay published the message within its trace").isNotEmpty();
        List<String> dispatched = Stream.concat(
                        linesWith(fleet.logFile("websocket-service"), traceId).stream(),
                        linesWith(fleet.logFile("websocket-service-2"), traceId).stream())
                .filter(l -> l.contains("dispatched MESSAGE_CREATE")).toList();
        assertThat(dispatched).as("a websocket node dispatched it within the same trace").isNotEmpty();
    }

    private static HttpResponse<String> send(String channel, String token, String traceparent) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(E2eFleet.gatewayUrl() + "/api/v1/channels/" + channel + "/messages"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"follow me\",\"nonce\":\"trace-test\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> awaitLines(Path log, String traceId, String text) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<String> found;
        do {
            found = linesWith(log, traceId).stream().filter(l -> l.contains(text)).toList();
            if (found.isEmpty()) {
                Thread.sleep(250);
            }
        } while (found.isEmpty() && System.nanoTime() < deadline);
        return found;
    }

    private static List<String> linesWith(Path log, String traceId) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(traceId)).toList();
        }
    }
}
