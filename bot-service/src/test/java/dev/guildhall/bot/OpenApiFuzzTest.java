package dev.guildhall.bot;

import dev.guildhall.bot.support.BotPlatformTest;
import dev.guildhall.bot.support.FakeServers;
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
 * Issue 14's fuzz property for bot-service (ADRs 252, 258, 259): hostile requests to every public operation of its
 * OpenAPI description (applications, bot tokens, commands, interactions, webhooks, auto-responses), sent by the owner
 * of a real application who manages a server (real MariaDB, Redis, Kafka and auth-service; server-service stood in),
 * are never answered 5xx, and every 4xx is a problem with a code. A jqwik property: a failure is shrunk and names its
 * seed; replay it with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class OpenApiFuzzTest extends BotPlatformTest {

    private static final long SERVER = 880_001;
    private static final long CHANNEL = 880_002;

    private OpenApiFuzz fuzz;

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        OpenApiFuzz.awaitTokenChecks(port, newPerson("warm-up"), "/api/v1/applications");
        App app = app();
        FakeServers.get().member(SERVER, userId(app.owner()), Long.MAX_VALUE).channel(SERVER, CHANNEL);
        Map<String, String> ids = Map.of("applicationId", app.id(), "serverId", Long.toString(SERVER),
                "channelId", Long.toString(CHANNEL), "userId", Long.toString(userId(app.owner())));
        fuzz = OpenApiFuzz.against(port, app.owner(), ids);
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the description. */
    @Property(tries = 12)
    void hostileRequestsAreAnsweredWithAProblem(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }
}
