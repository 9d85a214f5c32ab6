package dev.guildhall.message;

import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.support.testing.OpenApiFuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * Issue 14's fuzz test for message-service (ADR 252): every public operation of its OpenAPI description, sent hostile
 * requests by the owner of a real channel (real MariaDB, Redis, Kafka and S3), never answers 5xx, and every 4xx is a
 * problem with a code. Replay a failure with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
class OpenApiFuzzTest extends IntegrationTest {

    @Test
    void hostileRequestsToEveryOperationAreAnsweredWithAProblem() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String message = api.post(messages(channel), token, Map.of("content", "fuzz target")).body()
                .path("message_id").asString();
        Map<String, String> ids = Map.of("channelId", id(channel), "serverId", id(server.id()), "messageId", message,
                "emoji", "%F0%9F%91%8D", "userId", id(server.owner()), "uploadId", "1", "attachmentId", "1");
        OpenApiFuzz.assertNoServerErrors(new OpenApiFuzz.Settings(port, "Bearer " + token, ids,
                Long.getLong("guildhall.fuzz.seed", 14L), 12, Duration.ofSeconds(60)));
    }
}
