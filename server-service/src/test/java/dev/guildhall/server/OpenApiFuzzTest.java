package dev.guildhall.server;

import dev.guildhall.server.support.IntegrationTest;
import dev.guildhall.support.testing.OpenApiFuzz;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * Issue 14's fuzz test for server-service (ADR 252): every public operation of its OpenAPI description, sent hostile
 * requests by a member of a real server (real MariaDB, Redis and Kafka), never answers 5xx, and every 4xx is a problem
 * with a code. Replay a failure with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
class OpenApiFuzzTest extends IntegrationTest {

    @Test
    void hostileRequestsToEveryOperationAreAnsweredWithAProblem() {
        User owner = newUser("fuzz-owner");
        String server = createServer(owner, "Fuzzed");
        String channel = generalChannel(owner, server);
        String role = api().post(owner.token(), "/api/v1/servers/" + server + "/roles", Map.of("name", "fz")).get("role_id");
        String code = api().post(owner.token(), "/api/v1/channels/" + channel + "/invites", Map.of()).get("code");
        Map<String, String> ids = Map.of("serverId", server, "channelId", channel, "userId", owner.idString(),
                "roleId", role, "targetId", server, "code", code == null ? "abcdefgh" : code,
                "applicationId", "1", "auditLogId", "1");
        OpenApiFuzz.assertNoServerErrors(new OpenApiFuzz.Settings(port, "Bearer " + owner.token(), ids,
                Long.getLong("guildhall.fuzz.seed", 14L), 12, Duration.ofSeconds(60)));
    }
}
