package dev.guildhall.auth;

import dev.guildhall.auth.support.IntegrationTest;
import dev.guildhall.support.testing.FuzzSettings;
import dev.guildhall.support.testing.OpenApiFuzz;
import dev.guildhall.support.testing.SpringTestContext;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Issue 14's fuzz property for auth-service (ADRs 252, 258): hostile requests to every public operation of its OpenAPI
 * description (register, login, refresh, logout, the second factor, the caller's account), sent with a real user's
 * access token (real MariaDB, Redis and Kafka), are never answered 5xx, and every 4xx is a problem with a code (429 the
 * rate limit's JSON). A jqwik property: a failure is shrunk and names its seed; replay it with
 * {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class OpenApiFuzzTest extends IntegrationTest {

    private OpenApiFuzz fuzz;

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        JsonNode user = newUser("fuzz");
        String access = tokens(user.path("username").asString()).path("access_token").asString();
        fuzz = OpenApiFuzz.against(port, bearer(access), Map.of("userId", user.path("user_id").asString()));
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the description. */
    @Property(tries = 4)
    void hostileRequestsAreAnsweredWithAProblem(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }
}
