package dev.guildhall.bench.common;

import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.Setup;

import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.guildhall.bench.common.JsonHttp.map;

/**
 * The bench's world: users, each a member of exactly one server, every server with the same
 * number of text channels visible to all its members, and the rotation of (user, channel) pairs
 * the sender walks. Built through the services' own ports (auth-service, server-service), not the
 * gateway: the gateway's per-address flood guards (60 registrations per 10 min) would make a
 * thousand accounts take hours, and only the message sends are what the bench measures.
 */
public final class Fixture {

    /** One account. Tokens change when refreshed (access tokens live 10 minutes). */
    public static final class User {
        public final int index;
        public final String username;
        final String password;
        public final int server;
        public volatile String id;
        public volatile String accessToken;
        volatile String refreshToken;
        volatile long tokenNanos;

        public User(int index, String username, String password, int server) {
            this.index = index;
            this.username = username;
            this.password = password;
            this.server = server;
        }
    }

    /** One server: its id, its text channels and its members (indexes into the users). */
    public record Server(int index, String id, List<String> channels, List<Integer> members) {
    }

    /**
     * The world to build: {@code users} dealt round-robin over {@code servers}, each with
     * {@code channelsPerServer} text channels; set-up traffic goes to auth-service and server-service directly.
     */
    public record Shape(URI authUrl, URI serverUrl, int users, int servers, int channelsPerServer,
                        int setupParallelism) {
    }

    /** A (user, channel) pair of the rotation. */
    public record Pair(int user, int server, String channel) {
    }

    public final List<User> users;
    public final List<Server> servers;
    public final List<Pair> pairs;

    /** A world made elsewhere (a test's stand-in): its users must have their ids and tokens. */
    public static Fixture of(List<User> users, List<Server> servers) {
        return new Fixture(users, servers);
    }

    private Fixture(List<User> users, List<Server> servers) {
        this.users = users;
        this.servers = servers;
        this.pairs = rotation(users, servers);
    }

    /**
     * Consecutive pairs belong to different servers (and so different users), and a user's pairs
     * are as far apart in the rotation as they can be: the load on every channel and user is even.
     */
    public static List<Pair> rotation(List<User> users, List<Server> servers) {
        List<Pair> pairs = new ArrayList<>();
        int channelsPerServer = servers.get(0).channels().size();
        int maxMembers = servers.stream().mapToInt(s -> s.members().size()).max().orElse(0);
        for (int c = 0; c < channelsPerServer; c++) {
            for (int m = 0; m < maxMembers; m++) {
                for (Server server : servers) {
                    if (m < server.members().size()) {
                        pairs.add(new Pair(server.members().get(m), server.index(), server.channels().get(c)));
                    }
                }
            }
        }
        return pairs;
    }

    public static Fixture create(Shape o, JsonHttp http, Progress progress) throws Exception {
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < o.users(); i++) {
            users.add(new User(i, "b" + run + "u" + i, "bench load passphrase " + run + " " + i, i % o.servers()));
        }
        progress.say("set-up: registering and signing in %d users on %s (run %s)", users.size(), o.authUrl(), run);
        Setup.parallel(o.setupParallelism(), users.size(), i -> {
            User u = users.get(i);
            Reply created = http.call("POST", o.authUrl(), "/api/v1/auth/register", null,
                    map("username", u.username, "email", u.username + "@bench.example", "password", u.password))
                    .expect("register " + u.username, 201);
            u.id = created.text("user_id");
            login(o, http, u);
        }, progress, "users");

        progress.say("set-up: %d servers with %d text channels each on %s", o.servers(), o.channelsPerServer(),
                o.serverUrl());
        Server[] servers = new Server[o.servers()];
        Setup.parallel(16, o.servers(), s -> servers[s] = createServer(o, http, users, s));
        List<Integer> joins = new ArrayList<>();
        for (User u : users) {
            if (servers[u.server].members().get(0) != u.index) {
                joins.add(u.index);
            }
        }
        String[] invites = new String[o.servers()];
        Setup.parallel(16, o.servers(), s -> {
            User owner = users.get(servers[s].members().get(0));
            invites[s] = http.call("POST", o.serverUrl(), "/api/v1/channels/" + servers[s].channels().get(0)
                            + "/invites", owner.accessToken, map("max_age", 0, "max_uses", 0))
                    .expect("invite", 200, 201).text("code");
        });
        Setup.parallel(16, joins.size(), j -> {
            User u = users.get(joins.get(j));
            http.call("POST", o.serverUrl(), "/api/v1/invites/" + invites[u.server], u.accessToken, map())
                    .expect("join", 200, 201);
        }, progress, "joins");
        return new Fixture(users, List.of(servers));
    }

    private static Server createServer(Shape o, JsonHttp http, List<User> users, int s) {
        List<Integer> members = new ArrayList<>();
        for (int i = s; i < users.size(); i += o.servers()) {
            members.add(i);
        }
        User owner = users.get(members.get(0));
        String serverId = http.call("POST", o.serverUrl(), "/api/v1/servers", owner.accessToken,
                map("server_name", "bench " + s)).expect("create server", 201).text("server_id");
        List<String> channels = new ArrayList<>();
        for (JsonNode channel : http.call("GET", o.serverUrl(), "/api/v1/servers/" + serverId + "/channels",
                owner.accessToken, null).expect("list channels", 200).body()) {
            if ("general".equals(channel.path("channel_name").asString())) {
                channels.add(channel.path("channel_id").asString());
            }
        }
        if (channels.isEmpty()) {
            throw new IllegalStateException("server " + serverId + " has no general channel");
        }
        for (int c = 1; c < o.channelsPerServer(); c++) {
            channels.add(http.call("POST", o.serverUrl(), "/api/v1/servers/" + serverId + "/channels",
                            owner.accessToken, map("channel_name", "load-" + c, "channel_type", "text"))
                    .expect("create channel", 200, 201).text("channel_id"));
        }
        return new Server(s, serverId, List.copyOf(channels), List.copyOf(members));
    }

    private static void login(Shape o, JsonHttp http, User u) {
        Setup.Tokens tokens = Setup.login(http, o.authUrl(), u.username, u.password);
        u.accessToken = tokens.access();
        u.refreshToken = tokens.refresh();
        u.tokenNanos = System.nanoTime();
    }

    /** Refreshes every access token older than {@code maxAgeSeconds} (they live 10 minutes). */
    public boolean refreshOlderThan(Shape o, JsonHttp http, double maxAgeSeconds, Progress progress) throws Exception {
        long now = System.nanoTime();
        List<User> stale = users.stream().filter(u -> now - u.tokenNanos > maxAgeSeconds * 1e9).toList();
        if (stale.isEmpty()) {
            return false;
        }
        progress.say("refreshing %d access tokens", stale.size());
        Setup.parallel(8, stale.size(), i -> {
            User u = stale.get(i);
            Reply tokens = http.call("POST", o.authUrl(), "/api/v1/auth/refresh", null,
                    map("refresh_token", u.refreshToken)).expect("refresh " + u.username, 200);
            u.accessToken = tokens.text("access_token");
            u.refreshToken = tokens.text("refresh_token");
            u.tokenNanos = System.nanoTime();
        });
        return true;
    }

    /**
     * Writes the world (accounts with passwords and refresh tokens, servers, channels) so a later
     * run on the same fleet data can reuse it: signing up a thousand accounts costs two Argon2
     * hashes each, minutes on a busy 2-core machine, while refreshing their tokens costs none.
     */
    public void save(Path file) throws IOException {
        ObjectNode root = JsonHttp.JSON.createObjectNode();
        ArrayNode us = root.putArray("users");
        for (User u : users) {
            us.addObject().put("username", u.username).put("password", u.password).put("server", u.server)
                    .put("id", u.id).put("refresh_token", u.refreshToken);
        }
        ArrayNode ss = root.putArray("servers");
        for (Server server : servers) {
            ObjectNode n = ss.addObject().put("id", server.id());
            server.channels().forEach(n.putArray("channels")::add);
            server.members().forEach(n.putArray("members")::add);
        }
        Setup.writeWorld(file, root);
    }

    /**
     * The world a previous run saved, with fresh access tokens (refreshed, or signed in again
     * where a refresh token no longer works); null if the file is missing or of another shape.
     */
    public static Fixture load(Path file, Shape o, JsonHttp http, Progress progress) throws Exception {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        JsonNode root = JsonHttp.JSON.readTree(Files.readString(file));
        if (root.path("users").size() != o.users() || root.path("servers").size() != o.servers()
                || root.path("servers").path(0).path("channels").size() != o.channelsPerServer()) {
            return null;
        }
        List<User> users = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root.path("users")) {
            User u = new User(i++, n.path("username").asString(), n.path("password").asString(), n.path("server").asInt());
            u.id = n.path("id").asString();
            u.refreshToken = n.path("refresh_token").asString();
            users.add(u);
        }
        List<Server> servers = new ArrayList<>();
        int s = 0;
        for (JsonNode n : root.path("servers")) {
            List<String> channels = new ArrayList<>();
            n.path("channels").forEach(c -> channels.add(c.asString()));
            List<Integer> members = new ArrayList<>();
            n.path("members").forEach(m -> members.add(m.asInt()));
            servers.add(new Server(s++, n.path("id").asString(), List.copyOf(channels), List.copyOf(members)));
        }
        progress.say("set-up: reusing the world of %s (%d users); refreshing their tokens", file, users.size());
        Fixture fixture = new Fixture(users, servers);
        Setup.parallel(8, users.size(), k -> {
            User u = users.get(k);
            Reply tokens = http.call("POST", o.authUrl(), "/api/v1/auth/refresh", null,
                    map("refresh_token", u.refreshToken));
            if (tokens.status() == 200) {
                u.accessToken = tokens.text("access_token");
                u.refreshToken = tokens.text("refresh_token");
                u.tokenNanos = System.nanoTime();
            } else {
                login(o, http, u);
            }
        }, progress, "tokens");
        return fixture;
    }

    /** Every user's current access token, in user order (the http bench rotates through them). */
    public List<String> accessTokens() {
        return users.stream().map(u -> u.accessToken).toList();
    }

    /** The id of server {@code server}. */
    public String serverId(int server) {
        return servers.get(server).id();
    }

    /** Text channel {@code channel} of server {@code server}. */
    public String channel(int server, int channel) {
        return servers.get(server).channels().get(channel);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d users in %d servers (%d members each), %d text channels per server, "
                        + "%d (user, channel) pairs", users.size(), servers.size(), servers.get(0).members().size(),
                servers.get(0).channels().size(), pairs.size());
    }
}
