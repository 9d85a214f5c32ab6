package dev.guildhall.websocket.it;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.websocket.support.Events;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.FakeUpstream.TestServer;
import dev.guildhall.websocket.support.GatewayClient;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One gateway node against real Redis and Kafka, with auth-, server- and message-service stood in
 * by a local HTTP server: the protocol end to end.
 */
class GatewayIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicLong IDS = new AtomicLong(7_000_000_000L);

    static FakeUpstream upstream;
    static GatewayNode node;
    static Events events;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        node = GatewayNode.start(upstream, Map.of());
        events = new Events();
    }

    @AfterAll
    static void stop() {
        events.close();
        node.close();
        upstream.close();
    }

    /** A server with an owner, a member, a visible channel and one hidden from @everyone. */
    record World(long server, long owner, long member, long general, long secret, TestServer model) {
    }

    static World world() {
        long server = IDS.addAndGet(10);
        long owner = server + 1;
        long member = server + 2;
        long general = server + 3;
        long secret = server + 4;
        upstream.user(owner, "owner" + owner);
        upstream.user(member, "member" + member);
        TestServer model = upstream.server(server, owner).member(member)
                .channel(general, "general", false).channel(secret, "secret", true);
        return new World(server, owner, member, general, secret, model);
    }

    static JsonNode ready(GatewayClient client, long userId) throws InterruptedException {
        JsonNode hello = client.next(WAIT);
        assertThat(hello.path("op").asInt()).isEqualTo(10);
        client.identify(upstream.token(userId));
        return client.awaitDispatch("READY", WAIT);
    }

    @Test
    void healthIsUpOnceConsuming() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.port() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"redis\":\"connected\"");

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.port() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("guildhall_gateway_connections", "guildhall_gateway_sessions",
                "guildhall_gateway_dispatches_total", "guildhall_gateway_resumes_total", "guildhall_gateway_servers_cached",
                "guildhall_gateway_journal_backlog");
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() throws Exception {
        for (String path : new String[] {"/nope", "/api/v1/nope", "/actuator/nope"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"code\":\"NOT_FOUND\"");
        }
    }

    @Test
    void restEndpointsAnswerWithProblemJsonOnErrors() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + node.port();
        HttpResponse<String> gateway = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/gateway")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gateway.body()).isEqualTo("{\"url\":\"ws://gateway.test/gateway\"}");

        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(
                URI.create(base + "/internal/presence?user_ids=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(noToken.body()).contains("\"code\":\"UNAUTHORIZED\"");

        HttpResponse<String> badId = http.send(HttpRequest.newBuilder(URI.create(base + "/internal/presence?user_ids=x"))
                .header("X-Guildhall-Internal-Token", FakeUpstream.INTERNAL_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"code\":\"INVALID_ID\"");

        World w = world();
        try (GatewayClient client = node.connect()) {
            ready(client, w.member());
            String url = base + "/internal/presence?user_ids=" + w.member() + "," + w.owner();
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            String body = "";
            while (System.currentTimeMillis() < deadline && !body.contains("online")) {
                body = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("X-Guildhall-Internal-Token", FakeUpstream.INTERNAL_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(50);
            }
            assertThat(body).isEqualTo("{\"presences\":[{\"user_id\":\"" + w.member() + "\",\"status\":\"online\"},"
                    + "{\"user_id\":\"" + w.owner() + "\",\"status\":\"offline\"}]}");
        }
    }

    @Test
    void helloIdentifyReadyAndHeartbeat() throws Exception {
        World w = world();
        try (GatewayClient client = node.connect()) {
            JsonNode hello = client.next(WAIT);
            assertThat(hello.path("op").asInt()).isEqualTo(10);
            assertThat(hello.path("d").path("heartbeat_interval").asLong()).isEqualTo(41250);

            client.identify(upstream.token(w.member()));
            JsonNode ready = client.awaitDispatch("READY", WAIT);
            assertThat(ready.path("s").asLong()).isEqualTo(1);
            JsonNode d = ready.path("d");
            assertThat(d.path("session_id").asString()).matches("[0-9a-f]{32}");
            assertThat(d.path("v").asInt()).isEqualTo(1);
            assertThat(d.path("user").path("user_id").asString()).isEqualTo(Long.toString(w.member()));
            assertThat(d.path("resume_gateway_url").asString()).isEqualTo("ws://gateway.test/gateway");
            assertThat(d.path("read_states").isArray()).isTrue();
            assertThat(d.path("read_states").get(0).path("query").asString()).isEqualTo("user_id=" + w.member());
            JsonNode server = d.path("servers").get(0);
            assertThat(server.path("server_id").asString()).isEqualTo(Long.toString(w.server()));
            assertThat(server.path("channels").findValuesAsString("channel_id"))
                    .containsExactly(Long.toString(w.general()));
            assertThat(server.path("roles").size()).isEqualTo(1);

            client.heartbeat(1L);
            JsonNode ack = client.await(f -> f.path("op").asInt() == 11, WAIT);
            assertThat(ack.path("d").isNull()).isTrue();
        }
    }

    @Test
    void ownerSeesEveryChannelInReady() throws Exception {
        World w = world();
        try (GatewayClient client = node.connect()) {
            JsonNode server = ready(client, w.owner()).path("d").path("servers").get(0);
            assertThat(server.path("channels").findValuesAsString("channel_id"))
                    .containsExactlyInAnyOrder(Long.toString(w.general()), Long.toString(w.secret()));
        }
    }

    @Test
    void visibleChannelEventsArriveInOrderAndHiddenOnesDoNot() throws Exception {
        World w = world();
        try (GatewayClient client = node.connect()) {
            ready(client, w.member());
            // same key as general: the hidden channel's event is on the same partition, before
            events.message(w.server(), w.secret(), w.owner(), "psst", Long.toString(w.general()));
            events.message(w.server(), w.general(), w.owner(), "one");
            events.message(w.server(), w.general(), w.owner(), "two");

            List<JsonNode> dispatches = new java.util.ArrayList<>();
            JsonNode frame;
            while ((frame = client.next(Duration.ofSeconds(2))) != null) {
                dispatches.add(frame);
            }
            // s counts every dispatch of the session (its own PRESENCE_UPDATE may be among them)
            assertThat(dispatches).extracting(f -> f.path("s").asLong()).isSorted().doesNotHaveDuplicates()
                    .allMatch(s -> s > 1);
            assertThat(dispatches).filteredOn(f -> "MESSAGE_CREATE".equals(f.path("t").asString()))
                    .extracting(f -> f.path("d").path("content").asString()).containsExactly("one", "two");
        }
    }

    @Test
    void channelUpdateRemovingViewStopsDeliveryAtOnce() throws Exception {
        World w = world();
        long lobby = w.server() + 5;
        w.model().channel(lobby, "lobby", false);
        try (GatewayClient member = node.connect(); GatewayClient owner = node.connect()) {
            ready(member, w.member());
            ready(owner, w.owner());

            events.message(w.server(), w.general(), w.owner(), "before");
            assertThat(member.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEqualTo("before");

            // @everyone loses VIEW_CHANNEL on general
            events.publish("server-events", Long.toString(w.server()), "CHANNEL_UPDATE", w.server(), w.general(), w.owner(),
                    w.model().channelObject(w.general(), "general", true));
            JsonNode gone = member.awaitDispatch("CHANNEL_DELETE", WAIT);
            assertThat(gone.path("d").path("channel_id").asString()).isEqualTo(Long.toString(w.general()));
            assertThat(owner.awaitDispatch("CHANNEL_UPDATE", WAIT).path("d").path("permission_overwrites").size()).isEqualTo(1);

            events.message(w.server(), w.general(), w.owner(), "after", Long.toString(w.general()));
            events.message(w.server(), lobby, w.owner(), "sentinel", Long.toString(w.general()));
            JsonNode next = member.awaitDispatch("MESSAGE_CREATE", WAIT);
            assertThat(next.path("d").path("content").asString()).isEqualTo("sentinel");
            // the owner keeps seeing the channel (the earlier "before" was skipped while awaiting CHANNEL_UPDATE)
            assertThat(owner.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEqualTo("after");
        }
    }

    @Test
    void aRoleGrantingViewRevealsTheHiddenChannel() throws Exception {
        World w = world();
        long mods = w.server() + 6;
        w.model().role(mods, 0);
        try (GatewayClient member = node.connect()) {
            ready(member, w.member());
            // secret allows the mods role; then the member gets the role
            var channel = w.model().channelObject(w.secret(), "secret", true);
            var allow = ((tools.jackson.databind.node.ArrayNode) channel.get("permission_overwrites")).addObject();
            allow.put("id", Long.toString(mods));
            allow.put("type", "role");
            allow.put("allow", Long.toString(Permission.VIEW_CHANNEL.bit()));
            allow.put("deny", "0");
            events.publish("server-events", Long.toString(w.server()), "CHANNEL_UPDATE", w.server(), w.secret(), w.owner(), channel);
            events.publish("server-events", Long.toString(w.server()), "SERVER_MEMBER_UPDATE", w.server(), null, w.member(),
                    Map.of("user_id", Long.toString(w.member()), "server_id", Long.toString(w.server()),
                            "roles", List.of(Long.toString(mods))));
            assertThat(member.awaitDispatch("SERVER_MEMBER_UPDATE", WAIT).path("d").path("roles").get(0).asString())
                    .isEqualTo(Long.toString(mods));
            JsonNode revealed = member.awaitDispatch("CHANNEL_CREATE", WAIT);
            assertThat(revealed.path("d").path("channel_id").asString()).isEqualTo(Long.toString(w.secret()));

            events.message(w.server(), w.secret(), w.owner(), "now visible");
            assertThat(member.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEqualTo("now visible");
        }
    }

    @Test
    void removedMemberGetsTheRemovalThenNothingMore() throws Exception {
        World w = world();
        try (GatewayClient member = node.connect()) {
            ready(member, w.member());
            events.publish("server-events", Long.toString(w.server()), "SERVER_MEMBER_REMOVE", w.server(), null, w.member(),
                    Map.of("server_id", Long.toString(w.server()), "user_id", Long.toString(w.member())));
            assertThat(member.awaitDispatch("SERVER_MEMBER_REMOVE", WAIT).path("d").path("user_id").asString())
                    .isEqualTo(Long.toString(w.member()));
            events.message(w.server(), w.general(), w.owner(), "not for you");
            assertThat(member.next(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void duplicateEventIdsAreDeliveredOnce() throws Exception {
        World w = world();
        try (GatewayClient member = node.connect()) {
            ready(member, w.member());
            String id = Events.newEventId();
            Map<String, String> data = Map.of("channel_id", Long.toString(w.general()), "content", "once");
            for (int i = 0; i < 2; i++) {
                events.publishWithId("messages", Long.toString(w.general()), id, "MESSAGE_CREATE", w.server(), w.general(),
                        w.owner(), data);
            }
            events.message(w.server(), w.general(), w.owner(), "next");
            assertThat(member.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEqualTo("once");
            assertThat(member.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString()).isEqualTo("next");
        }
    }

    @Test
    void directMessagesReachBothParticipantsOnly() throws Exception {
        World w = world();
        long dm = w.server() + 7;
        try (GatewayClient member = node.connect()) {
            ready(member, w.member());
            events.publish("messages", Long.toString(dm), EventEnvelope.of(Long.parseLong(Events.newEventId()),
                    "MESSAGE_CREATE", null, dm, w.owner(), Instant.now(),
                    Map.of("channel_id", Long.toString(dm), "content", "hi in private"))
                    .withRecipients(List.of(w.owner(), w.member())));
            assertThat(member.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString())
                    .isEqualTo("hi in private");
        }
    }

    @Test
    void badTokenClosesWith4004() throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.identify("not.a.jwt");
            assertThat(client.awaitClose(WAIT)).isEqualTo(4004);
        }
    }

    @Test
    void unknownOpcodeClosesWith4001() throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.send("{\"op\":99,\"d\":null}");
            assertThat(client.awaitClose(WAIT)).isEqualTo(4001);
        }
    }

    @Test
    void undecodableFrameClosesWith4002() throws Exception {
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.send("{\"op\":1,\"d\":\"" + "x".repeat(5000) + "\"}");
            assertThat(client.awaitClose(WAIT)).isEqualTo(4002);
        }
    }

    @Test
    void resumeOfAnUnknownSessionIsInvalid() throws Exception {
        World w = world();
        try (GatewayClient client = node.connect()) {
            client.next(WAIT);
            client.resume(upstream.token(w.member()), "0123456789abcdef0123456789abcdef", 3);
            JsonNode invalid = client.await(f -> f.path("op").asInt() == 9, WAIT);
            assertThat(invalid.path("d").asBoolean()).isFalse();
            // the same connection may identify afresh
            client.identify(upstream.token(w.member()));
            assertThat(client.awaitDispatch("READY", WAIT).path("s").asLong()).isEqualTo(1);
        }
    }

    @Test
    void presenceReachesAnotherMemberOfASharedServer() throws Exception {
        World w = world();
        try (GatewayClient owner = node.connect()) {
            ready(owner, w.owner());
            String member = Long.toString(w.member());
            try (GatewayClient other = node.connect()) {
                ready(other, w.member());
                JsonNode online = owner.await(f -> "PRESENCE_UPDATE".equals(f.path("t").asString())
                        && member.equals(f.path("d").path("user_id").asString()), WAIT);
                assertThat(online.path("d").path("status").asString()).isEqualTo("online");
                assertThat(online.path("d").path("server_id").asString()).isEqualTo(Long.toString(w.server()));

                other.presence("dnd");
                assertThat(owner.await(f -> "PRESENCE_UPDATE".equals(f.path("t").asString())
                        && member.equals(f.path("d").path("user_id").asString()), WAIT).path("d").path("status").asString())
                        .isEqualTo("dnd");

                other.presence("invisible");
                assertThat(owner.await(f -> "PRESENCE_UPDATE".equals(f.path("t").asString())
                        && member.equals(f.path("d").path("user_id").asString()), WAIT).path("d").path("status").asString())
                        .isEqualTo("offline");
                other.presence("online");
                owner.await(f -> "PRESENCE_UPDATE".equals(f.path("t").asString())
                        && "online".equals(f.path("d").path("status").asString()), WAIT);
            }
            // the member's only session closed: offline
            assertThat(owner.await(f -> "PRESENCE_UPDATE".equals(f.path("t").asString())
                    && member.equals(f.path("d").path("user_id").asString()), WAIT).path("d").path("status").asString())
                    .isEqualTo("offline");
        }
    }

    @Test
    void readyListsWhoOfTheServerIsOnline() throws Exception {
        World w = world();
        try (GatewayClient owner = node.connect()) {
            ready(owner, w.owner());
            // the owner's status may take a moment to reach Redis, and a node whose Redis connection is still
            // coming up drops it (presence degrades, ADR 073): set it again until READY shows it
            JsonNode server = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                owner.presence("idle");
                try (GatewayClient member = node.connect()) {
                    server = ready(member, w.member()).path("d").path("servers").get(0);
                }
                if (server.path("presences").toString().contains("idle")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(server.path("presences")).hasSize(1);
            assertThat(server.path("presences").get(0).path("user_id").asString()).isEqualTo(Long.toString(w.owner()));
            assertThat(server.path("presences").get(0).path("status").asString()).isEqualTo("idle");
            // voice-service is not running here: READY still comes, with no voice states
            assertThat(server.path("voice_states").isArray()).isTrue();
        }
    }

    /**
     * server-service did not answer the user's server list at IDENTIFY (a chaos run: server-service slow, then
     * killed): READY lists no server. The session asks again and joins what it finds — SERVER_CREATE, then the
     * server's messages — instead of receiving nothing of its servers until it reconnects.
     */
    @Test
    void aSessionWhoseServerListDidNotLoadAtReadyJoinsItsServersWhenTheListAnswersAgain() throws Exception {
        World w = world();
        upstream.serverListDown.set(true);
        try (GatewayClient client = node.connect()) {
            JsonNode ready;
            try {
                ready = ready(client, w.member());
            } finally {
                upstream.serverListDown.set(false);
            }
            assertThat(ready.path("d").path("servers").size()).as("READY without the server list").isZero();

            JsonNode created = client.awaitDispatch("SERVER_CREATE", Duration.ofSeconds(30));
            assertThat(created.path("d").path("server_id").asString()).isEqualTo(Long.toString(w.server()));
            events.message(w.server(), w.general(), w.owner(), "after the list came back");
            assertThat(client.awaitDispatch("MESSAGE_CREATE", WAIT).path("d").path("content").asString())
                    .isEqualTo("after the list came back");
        }
    }

    @Test
    void readyDegradesWhenMessageServiceIsDown() throws Exception {
        World w = world();
        upstream.messageServiceDown.set(true);
        try (GatewayClient client = node.connect()) {
            JsonNode ready = ready(client, w.member());
            assertThat(ready.path("d").path("read_states").isEmpty()).isTrue();
            assertThat(ready.path("d").path("servers").size()).isEqualTo(1);
        } finally {
            upstream.messageServiceDown.set(false);
        }
    }
}
