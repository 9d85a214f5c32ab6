package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.support.testing.FuzzSettings;
import dev.guildhall.support.testing.OpenApiFuzz;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzzing against the running fleet (ADRs 252, 258): for each service, every public operation of the
 * OpenAPI description the gateway publishes ({@code /api-docs/<service>}) gets hostile requests — bad ids, hostile
 * queries, wrong JSON types, huge and deeply nested bodies, invalid UTF-8, bad content types — sent through the
 * gateway by a real signed-in member of a real server. No answer may be 5xx, every 4xx must be a problem with a
 * {@code code} (429 DESIGN's JSON), and afterwards the service still serves an ordinary request. The services' own
 * fuzz tests go deeper on each service alone; this one proves the edge, the routes and the real wiring together.
 * Each caller is its own user (a sweep may log its caller out); requests are paced under the gateway's per-caller
 * limits so that most reach the service instead of the limiter. One sweep per service in the suite (about a minute
 * each, paced); {@code -Dguildhall.fuzz.tries=<n>} runs more.
 */
@AddLifecycleHook(FuzzSettings.class)
class FleetFuzzTest {

    /** Under the gateway's global 50 requests/s per caller. */
    static final Duration PACE = Duration.ofMillis(25);

    private final Api api = Scenario.api();
    private final int gatewayPort = URI.create(E2eFleet.gatewayUrl()).getPort();

    /** An observer who reads through each service after the sweeps: the fleet still serves. */
    private User observer;
    private Server observed;
    private String observedVoice;

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> auth() {
        return sweeps("auth");
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> server() {
        return sweeps("server");
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> message() {
        return sweeps("message");
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> voice() {
        return sweeps("voice");
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> bot() {
        return sweeps("bot");
    }

    @Property(tries = 1)
    void serverServiceThroughTheGateway(@ForAll("server") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep, PACE);
        stillServing("/api/v1/servers/" + observed.id() + "/channels");
    }

    @Property(tries = 1)
    void messageServiceThroughTheGateway(@ForAll("message") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep, PACE);
        stillServing("/api/v1/channels/" + observed.general() + "/messages?limit=5");
    }

    @Property(tries = 1)
    void voiceServiceThroughTheGateway(@ForAll("voice") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep, PACE);
        stillServing("/api/v1/channels/" + observedVoice + "/voice/states");
    }

    @Property(tries = 1)
    void botServiceThroughTheGateway(@ForAll("bot") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep, PACE);
        stillServing("/api/v1/applications");
    }

    @Property(tries = 1)
    void authServiceThroughTheGateway(@ForAll("auth") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep, PACE);
        stillServing("/api/v1/users/@me");
    }

    private OpenApiFuzz fuzz;

    /** A member who owns a server with a message, and the fuzzer aimed at {@code service} as that member. */
    private Arbitrary<List<OpenApiFuzz.Request>> sweeps(String service) {
        observer = Scenario.register(api, "watch");
        observed = Scenario.server(api, observer);
        observedVoice = Scenario.voiceChannel(api, observer, observed);
        User caller = Scenario.register(api, "fuzz");
        Server server = Scenario.server(api, caller, observer);
        String message = Scenario.send(api, caller, server.general(), "fuzz target").text("message_id");
        Map<String, String> ids = Map.of("serverId", server.id(), "channelId", server.general(), "messageId", message,
                "userId", caller.id(), "emoji", "%F0%9F%91%8D", "uploadId", "1", "attachmentId", "1");
        fuzz = OpenApiFuzz.throughGateway(gatewayPort, "/api-docs/" + service, "Bearer " + caller.token(), ids);
        return fuzz.sweeps();
    }

    private void stillServing(String path) {
        Response answer = api.get(path, observer.token());
        for (int retry = 0; retry < 5 && answer.status() == 429; retry++) {
            sleep(1_000);
            answer = api.get(path, observer.token());
        }
        assertThat(answer.status()).as("GET %s after the sweep: %s", path, answer).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
