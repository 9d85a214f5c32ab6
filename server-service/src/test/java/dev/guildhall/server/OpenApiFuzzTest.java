package dev.guildhall.server;

import dev.guildhall.server.support.IntegrationTest;
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
 * Issue 14's fuzz property for server-service (ADRs 252, 258): hostile requests to every public operation of its
 * OpenAPI description, sent by the owner of a real server (real MariaDB, Redis and Kafka), are never answered 5xx, and
 * every 4xx is a problem with a code. A jqwik property: a failure is shrunk and names its seed; replay it with
 * {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class OpenApiFuzzTest extends IntegrationTest {

    private OpenApiFuzz fuzz;

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        User owner = newUser("fuzz-owner");
        String server = createServer(owner, "Fuzzed");
        String channel = generalChannel(owner, server);
        String role = api().post(owner.token(), "/api/v1/servers/" + server + "/roles", Map.of("name", "fz")).get("role_id");
        String code = api().post(owner.token(), "/api/v1/channels/" + channel + "/invites", Map.of()).get("code");
        Map<String, String> ids = Map.of("serverId", server, "channelId", channel, "userId", owner.idString(),
                "roleId", role, "targetId", server, "code", code == null ? "abcdefgh" : code,
                "applicationId", "1", "auditLogId", "1");
        fuzz = OpenApiFuzz.against(port, "Bearer " + owner.token(), ids);
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the description. */
    @Property(tries = 3)
    void hostileRequestsAreAnsweredWithAProblem(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }
}
