package dev.guildhall.message;

import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.support.testing.FuzzSettings;
import dev.guildhall.support.testing.OpenApiFuzz;
import dev.guildhall.support.testing.SpringTestContext;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.util.List;
import java.util.Map;

/**
 * Issue 14's fuzz property for message-service (ADRs 252, 258): hostile requests to every public operation of its
 * OpenAPI description, sent by the owner of a real channel (real MariaDB, Redis, Kafka and S3), are never answered
 * 5xx, and every 4xx is a problem with a code. A jqwik property: a failure is shrunk and names its seed; replay it
 * with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class OpenApiFuzzTest extends IntegrationTest {

    private OpenApiFuzz fuzz;

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        api = new Api("http://127.0.0.1:" + port);
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String message = api.post(messages(channel), token, Map.of("content", "fuzz target")).body()
                .path("message_id").asString();
        Map<String, String> ids = Map.of("channelId", id(channel), "serverId", id(server.id()), "messageId", message,
                "emoji", "%F0%9F%91%8D", "userId", id(server.owner()), "uploadId", "1", "attachmentId", "1");
        fuzz = OpenApiFuzz.against(port, "Bearer " + token, ids);
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the description. */
    @Property(tries = 2)
    void hostileRequestsAreAnsweredWithAProblem(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }
}
