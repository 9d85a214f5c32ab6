package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import tools.jackson.databind.JsonNode;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Shared set-up for the chat scenario tests: accounts, a server, its general channel, members. */
final class Scenario {

    static final long VIEW_CHANNEL = 1L << 10;

    record User(String id, String username, String token) {
    }

    record Server(String id, String general) {
    }

    private Scenario() {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A sign-up or sign-in as a client makes it: a 429 (every test of the suite signs in from 127.0.0.1, and the
     * edge limits sign-ins per address) is waited out as its {@code retry_after} says, and a 503 from a cold
     * auth-service is tried again.
     */
    static Response signInCall(Api api, String path, Object body) {
        Response r = api.post(path, null, body);
        for (int retry = 0; retry < 5 && (r.status() == 429 || r.status() == 503); retry++) {
            double wait = r.status() == 429 && r.body() != null ? r.body().path("retry_after").asDouble(1) : 1;
            sleep((long) (Math.min(wait, 30) * 1000) + 100);
            r = api.post(path, null, body);
        }
        return r;
    }

    static Api api() {
        return new Api(E2eFleet.gatewayUrl());
    }

    static User register(Api api, String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse " + UUID.randomUUID();
        Response created = Scenario.signInCall(api, "/api/v1/auth/register",
                map("username", username, "email", username + "@example.test", "password", password));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response login = Scenario.signInCall(api, "/api/v1/auth/login", map("login", username, "password", password));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new User(created.text("user_id"), username, login.text("access_token"));
    }

    /** A new server owned by {@code owner}, with {@code members} joined through an invite. */
    static Server server(Api api, User owner, User... members) {
        Response server = api.post("/api/v1/servers", owner.token(), map("server_name", "Scenario"));
        for (int retry = 0; retry < 3 && server.status() == 503; retry++) {
            // a cold server-service on a loaded machine; at worst the scenario's owner has one more server
            sleep(1_000);
            server = api.post("/api/v1/servers", owner.token(), map("server_name", "Scenario"));
        }
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        String serverId = server.text("server_id");
        String general = null;
        for (JsonNode channel : api.get("/api/v1/servers/" + serverId + "/channels", owner.token()).body()) {
            if ("general".equals(channel.get("channel_name").asString())) {
                general = channel.get("channel_id").asString();
            }
        }
        assertThat(general).isNotNull();
        if (members.length > 0) {
            Response invite = api.post("/api/v1/channels/" + general + "/invites", owner.token(),
                    map("max_age", 3600, "max_uses", 0));
            assertThat(invite.status()).as(invite.toString()).isIn(200, 201);
            for (User member : members) {
                Response join = api.post("/api/v1/invites/" + invite.text("code"), member.token(), map());
                assertThat(join.status()).as(join.toString()).isIn(200, 201);
            }
        }
        return new Server(serverId, general);
    }

    static Response send(Api api, User from, String channelId, String content) {
        Response sent = api.post("/api/v1/channels/" + channelId + "/messages", from.token(), map("content", content));
        assertThat(sent.status()).as("send to %s: %s", channelId, sent).isEqualTo(200);
        return sent;
    }

    /** A lower-case word that will not occur anywhere else, for search. */
    /** The voice channel every new server gets. */
    static String voiceChannel(Api api, User owner, Server server) {
        for (JsonNode channel : api.get("/api/v1/servers/" + server.id() + "/channels", owner.token()).body()) {
            if ("voice".equals(channel.path("channel_type").asString())) {
                return channel.path("channel_id").asString();
            }
        }
        throw new AssertionError("a new server has a voice channel");
    }

    /**
     * Joins a voice channel once a media node has reported its load (a few seconds after it starts); joins
     * are limited to 10 a minute per user, so at most 9 tries.
     */
    static Response joinWhenANodeIsUp(Api api, User user, String channel) throws InterruptedException {
        Response response = null;
        for (int attempt = 0; attempt < 9; attempt++) {
            response = api.post("/api/v1/channels/" + channel + "/voice/join", user.token(), map());
            // NO_MEDIA_NODE until the node's first report; SERVICE_UNAVAILABLE while a cold fleet warms up
            if (!"NO_MEDIA_NODE".equals(response.text("code")) && response.status() != 503) {
                return response;
            }
            Thread.sleep(3000);
        }
        return response;
    }

    static String uniqueWord(String prefix) {
        StringBuilder word = new StringBuilder(prefix);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
