package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voice flow of DESIGN through the whole fleet: join through the gateway (voice-service asks
 * server-service for CONNECT, places the conference on the media node from its Redis load report and
 * allocates the endpoint there), VOICE_STATE_UPDATE to the other member's socket, READY's voice states,
 * the node's signalling socket reached through the gateway with the voice token (ready, then the node's
 * offer), own flags, refusals (no CONNECT 403, text channel 400, stranger 404, forged token closed), leave.
 */
class VoiceTest {

    static final int WAIT = 30;
    static final long CONNECT = 1L << 20;

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void membersJoinSeeEachOtherAndTalkToTheMediaNode() throws Exception {
        User a = Scenario.register(api, "vox");
        User b = Scenario.register(api, "vib");
        User stranger = Scenario.register(api, "vis");
        Server server = Scenario.server(api, a, b);
        String voice = Scenario.voiceChannel(api, a, server);

        try (LiveSocket bLive = LiveSocket.identify(LiveSocket.gatewayUrl(), b.token())) {
            Response joined = Scenario.joinWhenANodeIsUp(api, a, voice);
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            assertThat(joined.text("voice_token")).isNotBlank();
            assertThat(joined.text("session_id")).isNotBlank();
            String endpoint = joined.text("endpoint");
            assertThat(endpoint).startsWith(LiveSocket.gatewayUrl().replace("/gateway", "/media/")).endsWith("/signal");

            JsonNode state = bLive.dispatch("VOICE_STATE_UPDATE", "user_id", a.id(), WAIT);
            assertThat(state).as("B sees A join").isNotNull();
            assertThat(state.path("d").path("channel_id").asString()).isEqualTo(voice);
            assertThat(state.path("d").path("server_id").asString()).isEqualTo(server.id());
            assertThat(state.path("d").has("node_id")).as("the node stays inside the fleet").isFalse();

            Response states = api.get("/api/v1/channels/" + voice + "/voice/states", b.token());
            assertThat(states.status()).isEqualTo(200);
            assertThat(states.body()).hasSize(1);
            assertThat(states.body().get(0).path("user_id").asString()).isEqualTo(a.id());

            try (LiveSocket later = LiveSocket.identify(LiveSocket.gatewayUrl(), b.token())) {
                JsonNode readyServer = later.ready().path("servers").get(0);
                assertThat(readyServer.path("voice_states").toString()).contains(a.id());
            }

            // the node's signalling socket, through the gateway, with the voice token
            try (SignalSocket signal = new SignalSocket(endpoint)) {
                signal.send("identify", map("voice_token", joined.text("voice_token")));
                JsonNode ready = signal.next("ready", WAIT);
                assertThat(ready).as("the node answers identify with ready").isNotNull();
                assertThat(ready.path("d").path("session_id").asString()).isEqualTo(joined.text("session_id"));
                JsonNode offer = signal.next("offer", WAIT);
                assertThat(offer).as("the node offers").isNotNull();
                assertThat(offer.path("d").path("sdp").asString()).contains("a=mid:audio", "a=group:BUNDLE",
                        "a=rtcp-mux", "a=fingerprint:sha-256", "opus");
            }
            try (SignalSocket forged = new SignalSocket(endpoint)) {
                forged.send("identify", map("voice_token", joined.text("voice_token") + "x"));
                assertThat(forged.next("ready", 10)).as("no ready for a forged token").isNull();
                assertThat(forged.closeCode(10)).as("a forged token closes the socket").isNotNull();
            }

            // own flags
            Response muted = api.patch("/api/v1/channels/" + voice + "/voice/state", a.token(), map("self_mute", true));
            assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
            JsonNode mutedState = bLive.next(f -> "VOICE_STATE_UPDATE".equals(f.path("t").asString())
                    && f.path("d").path("self_mute").asBoolean(false), WAIT);
            assertThat(mutedState).as("B sees A mute").isNotNull();

            // refusals
            Response text = api.post("/api/v1/channels/" + server.general() + "/voice/join", b.token(), map());
            assertThat(text.status()).isEqualTo(400);
            assertThat(text.text("code")).isEqualTo("NOT_A_VOICE_CHANNEL");
            Response outsider = api.post("/api/v1/channels/" + voice + "/voice/join", stranger.token(), map());
            assertThat(outsider.status()).isEqualTo(404);
            Response deny = api.put("/api/v1/channels/" + voice + "/permissions/" + server.id(), a.token(),
                    map("type", "role", "allow", "0", "deny", Long.toString(CONNECT)));
            assertThat(deny.status()).as(deny.toString()).isIn(200, 204);
            Response refused = joinEventually(b, voice, 403);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("MISSING_PERMISSIONS");

            // leave
            Response left = api.post("/api/v1/channels/" + voice + "/voice/leave", a.token(), map());
            assertThat(left.status()).isEqualTo(204);
            JsonNode gone = bLive.next(f -> "VOICE_STATE_UPDATE".equals(f.path("t").asString())
                    && a.id().equals(f.path("d").path("user_id").asString()) && f.path("d").path("channel_id").isNull(), WAIT);
            assertThat(gone).as("B sees A leave").isNotNull();
            assertThat(api.get("/api/v1/channels/" + voice + "/voice/states", a.token()).body()).isEmpty();
        }
    }

    /**
     * A moderator moves a member back and forth between two voice channels: each move is a leave of one channel and a
     * join of the other, and everyone (the member too) must see them in that order — the last state they hear puts the
     * member where they are (ADR 282: voice events are keyed by user, so channels on different partitions cannot
     * reorder them).
     */
    @Test
    void aModeratorsMovesReachEveryoneInTheOrderTheyHappened() throws Exception {
        User mod = Scenario.register(api, "vmo");
        User member = Scenario.register(api, "vme");
        Server server = Scenario.server(api, mod, member);
        String lobby = Scenario.voiceChannel(api, mod, server);
        Response stageCreated = api.post("/api/v1/servers/" + server.id() + "/channels", mod.token(),
                map("channel_name", "Stage", "channel_type", "voice"));
        assertThat(stageCreated.status()).as(stageCreated.toString()).isIn(200, 201);
        String stage = stageCreated.text("channel_id");

        try (LiveSocket watcher = LiveSocket.identify(LiveSocket.gatewayUrl(), mod.token());
             LiveSocket own = LiveSocket.identify(LiveSocket.gatewayUrl(), member.token())) {
            Response joined = Scenario.joinWhenANodeIsUp(api, member, lobby);
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            String from = lobby;
            String to = stage;
            for (int move = 0; move < 6; move++) {
                Response moved = api.patch("/api/v1/channels/" + from + "/voice/states/" + member.id(), mod.token(),
                        map("channel_id", to));
                assertThat(moved.status()).as("move %d: %s", move, moved).isEqualTo(200);
                String next = from;
                from = to;
                to = next;
            }
            String last = from;
            assertThat(api.get("/api/v1/channels/" + last + "/voice/states", mod.token()).body().toString())
                    .contains(member.id());

            for (LiveSocket socket : new LiveSocket[] {watcher, own}) {
                // the last move's join arrives, then nothing may follow it that puts the member elsewhere
                assertThat(socket.next(f -> isStateOf(f, member) && last.equals(f.path("d").path("channel_id").asString()),
                        WAIT)).isNotNull();
                Thread.sleep(1500);
                List<String> heard = socket.frames().stream().filter(f -> isStateOf(f, member))
                        .map(f -> f.path("d").path("channel_id").isNull() ? "left" : f.path("d").path("channel_id").asString())
                        .toList();
                assertThat(heard).as("the member's voice states, in the order heard").isNotEmpty().last().isEqualTo(last);
                assertThat(heard).as("every move is a leave, then a join: %s", heard)
                        .containsSubsequence("left", stage, "left", lobby, "left", stage, "left", lobby);
            }
        } finally {
            api.post("/api/v1/channels/" + lobby + "/voice/leave", member.token(), map());
            api.post("/api/v1/channels/" + stage + "/voice/leave", member.token(), map());
        }
    }

    private static boolean isStateOf(JsonNode frame, User user) {
        return "VOICE_STATE_UPDATE".equals(frame.path("t").asString())
                && user.id().equals(frame.path("d").path("user_id").asString());
    }

    /** Permissions reach voice-service through server-service's cache: retry until the expected answer. */
    private static Response joinEventually(User user, String channel, int status) throws InterruptedException {
        Response response = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            response = api.post("/api/v1/channels/" + channel + "/voice/join", user.token(), map());
            if (response.status() == status) {
                return response;
            }
            if (response.status() == 200) {
                api.post("/api/v1/channels/" + channel + "/voice/leave", user.token(), map());
            }
            Thread.sleep(500);
        }
        return response;
    }
}
