package dev.guildhall.bench.voice;

import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.JsonHttp.Reply;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.Setup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.bench.common.JsonHttp.map;

/**
 * Fleet mode's users and servers: one server per conference, each with the voice channel every new server
 * has, its members the users {@code s, s + S, s + 2S, ...}. Signed up and built through auth-service and
 * server-service (the script gives their own ports, so the gateway's sign-up flood guard does not count
 * them); saved to {@code --world} so the next run on the same fleet only refreshes tokens.
 */
final class FleetWorld {

    /** One account; the access token is replaced when refreshed. */
    static final class User {
        final String username;
        final String password;
        volatile String id;
        volatile String accessToken;
        volatile String refreshToken;

        User(String username, String password) {
            this.username = username;
            this.password = password;
        }
    }

    /** One server: its voice channel and its members (indexes into the users). */
    record Server(String id, String voiceChannel, List<Integer> members) {
    }

    final List<User> users;
    final List<Server> servers;

    private FleetWorld(List<User> users, List<Server> servers) {
        this.users = users;
        this.servers = servers;
    }

    /** Members of each of {@code servers} servers, {@code perServer} each: server s gets users s, s + S, .... */
    static List<List<Integer>> layout(int servers, int perServer) {
        List<List<Integer>> out = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            List<Integer> members = new ArrayList<>();
            for (int k = 0; k < perServer; k++) {
                members.add(s + k * servers);
            }
            out.add(List.copyOf(members));
        }
        return List.copyOf(out);
    }

    /** The user who joins as member {@code slot} of conference {@code conference}. */
    User member(int conference, int slot) {
        return users.get(servers.get(conference).members().get(slot));
    }

    static FleetWorld create(VoiceBenchOptions o, JsonHttp http, Progress progress) throws Exception {
        int serverCount = o.serversNeeded();
        int perServer = o.membersPerServer();
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < serverCount * perServer; i++) {
            users.add(new User("v" + run + "u" + i, "bench voice passphrase " + run + " " + i));
        }
        progress.say("set-up: registering and signing in %d users on %s (run %s)", users.size(), o.authUrl(), run);
        Setup.parallel(4, users.size(), i -> {
            User u = users.get(i);
            u.id = http.call("POST", o.authUrl(), "/api/v1/auth/register", null,
                            map("username", u.username, "email", u.username + "@bench.example", "password", u.password))
                    .expect("register " + u.username, 201).text("user_id");
            login(o, http, u);
        });
        progress.say("set-up: %d servers with %d members each on %s", serverCount, perServer, o.serverUrl());
        List<List<Integer>> layout = layout(serverCount, perServer);
        Server[] servers = new Server[serverCount];
        Setup.parallel(4, serverCount, s -> servers[s] = createServer(o, http, users, layout.get(s), s));
        return new FleetWorld(users, List.of(servers));
    }

    /** Creates the server as its first member, then invites the others in through its text channel. */
    private static Server createServer(VoiceBenchOptions o, JsonHttp http, List<User> users, List<Integer> members,
                                       int s) {
        User owner = users.get(members.get(0));
        String serverId = http.call("POST", o.serverUrl(), "/api/v1/servers", owner.accessToken,
                map("server_name", "voice bench " + s)).expect("create server", 201).text("server_id");
        String voice = null;
        String text = null;
        for (JsonNode channel : http.call("GET", o.serverUrl(), "/api/v1/servers/" + serverId + "/channels",
                owner.accessToken, null).expect("list channels", 200).body()) {
            String type = channel.path("channel_type").asString();
            if (voice == null && "voice".equals(type)) {
                voice = channel.path("channel_id").asString();
            } else if (text == null && "text".equals(type)) {
                text = channel.path("channel_id").asString();
            }
        }
        if (voice == null || text == null) {
            throw new IllegalStateException("server " + serverId + " has no voice or no text channel");
        }
        String code = http.call("POST", o.serverUrl(), "/api/v1/channels/" + text + "/invites", owner.accessToken,
                map("max_age", 0, "max_uses", 0)).expect("invite", 200, 201).text("code");
        for (int k = 1; k < members.size(); k++) {
            http.call("POST", o.serverUrl(), "/api/v1/invites/" + code, users.get(members.get(k)).accessToken, map())
                    .expect("join server", 200, 201);
        }
        return new Server(serverId, voice, members);
    }

    private static void login(VoiceBenchOptions o, JsonHttp http, User u) {
        Setup.Tokens tokens = Setup.login(http, o.authUrl(), u.username, u.password);
        u.accessToken = tokens.access();
        u.refreshToken = tokens.refresh();
    }

    void save(Path file) throws IOException {
        ObjectNode root = JsonHttp.JSON.createObjectNode();
        ArrayNode us = root.putArray("users");
        for (User u : users) {
            us.addObject().put("username", u.username).put("password", u.password).put("id", u.id)
                    .put("refresh_token", u.refreshToken);
        }
        ArrayNode ss = root.putArray("servers");
        for (Server server : servers) {
            ObjectNode n = ss.addObject().put("id", server.id()).put("voice_channel", server.voiceChannel());
            server.members().forEach(n.putArray("members")::add);
        }
        Setup.writeWorld(file, root);
    }

    /** A saved world of this run's shape with fresh access tokens; null if missing or of another shape. */
    static FleetWorld load(Path file, VoiceBenchOptions o, JsonHttp http, Progress progress) throws Exception {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root = JsonHttp.JSON.readTree(Files.readString(file));
        if (!fits(root, o.serversNeeded(), o.membersPerServer())) {
            return null;
        }
        List<User> users = new ArrayList<>();
        for (JsonNode n : root.path("users")) {
            User u = new User(n.path("username").asString(), n.path("password").asString());
            u.id = n.path("id").asString();
            u.refreshToken = n.path("refresh_token").asString();
            users.add(u);
        }
        List<Server> servers = new ArrayList<>();
        for (JsonNode n : root.path("servers")) {
            List<Integer> members = new ArrayList<>();
            n.path("members").forEach(m -> members.add(m.asInt()));
            servers.add(new Server(n.path("id").asString(), n.path("voice_channel").asString(), List.copyOf(members)));
        }
        progress.say("set-up: reusing the world of %s (%d users); refreshing their tokens", file, users.size());
        Setup.parallel(4, users.size(), k -> {
            User u = users.get(k);
            Reply tokens = http.call("POST", o.authUrl(), "/api/v1/auth/refresh", null,
                    map("refresh_token", u.refreshToken));
            if (tokens.status() == 200) {
                u.accessToken = tokens.text("access_token");
                u.refreshToken = tokens.text("refresh_token");
            } else {
                login(o, http, u);
            }
        });
        return new FleetWorld(users, servers);
    }

    /** Whether a saved world has exactly the servers and members per server this run needs. */
    static boolean fits(JsonNode root, int servers, int perServer) {
        if (root.path("servers").size() != servers || root.path("users").size() != servers * perServer) {
            return false;
        }
        for (JsonNode s : root.path("servers")) {
            if (s.path("members").size() != perServer || s.path("voice_channel").asString("").isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
