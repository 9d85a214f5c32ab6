package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.RepoRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Issue 10's headline, first slice: a real, unmodified discord.js 14 bot (npm, {@code e2e-tests/discordjs})
 * configured only with the fleet's base URL logs in through the Discord dialect ({@code /api/v10} and the
 * gateway url {@code /gateway/bot} names), sees READY with the server and its channels cached, receives a
 * person's message with its content and replies with {@code message.reply}; the person sees the reply, with
 * its reference, in v1 history.
 */
class DiscordJsBotTest {

    static final long SEND_MESSAGES = 1L << 11;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long ADD_REACTIONS = 1L << 6;
    static final long EMBED_LINKS = 1L << 14;
    static final long ATTACH_FILES = 1L << 15;
    static final long MANAGE_WEBHOOKS = 1L << 29;
    /** The application flags that grant the privileged MESSAGE_CONTENT and GUILD_MEMBERS intents. */
    static final long GATEWAY_MESSAGE_CONTENT = 1L << 18;
    static final long GATEWAY_GUILD_MEMBERS = 1L << 14;

    private Process bot;

    @AfterEach
    void stopBot() {
        if (bot != null) {
            bot.destroy();
        }
    }

    @Test
    void anUnmodifiedDiscordJsBotLogsInReceivesAMessageAndReplies() throws Exception {
        Path project = RepoRoot.find().resolve("e2e-tests/discordjs");
        assumeThat(nodeAvailable()).as("node is not installed: the discord.js bot cannot run").isTrue();
        installWhenMissing(project);

        Api api = Scenario.api();
        warmUp(api);
        User person = cold(() -> Scenario.register(api, "djs"));
        Server server = cold(() -> Scenario.server(api, person));
        Response app = retry(() -> api.post("/api/v1/applications", person.token(), map("name", "Echo Bot")));
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        String applicationId = app.text("application_id");
        String botUserId = app.body().get("bot").get("user_id").asString();
        Response flags = retry(() -> api.patch("/api/v1/applications/" + applicationId, person.token(),
                map("flags", GATEWAY_MESSAGE_CONTENT | GATEWAY_GUILD_MEMBERS)));
        assertThat(flags.status()).as(flags.toString()).isEqualTo(200);
        Response reset = retry(() -> api.post("/api/v1/applications/" + applicationId + "/bot/token",
                person.token(), null));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        Response added = retry(() -> api.put("/api/v1/servers/" + server.id() + "/bots/" + applicationId,
                person.token(), map("permissions",
                        Long.toString(Scenario.VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | ADD_REACTIONS
                                | EMBED_LINKS | ATTACH_FILES | MANAGE_WEBHOOKS))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        BlockingQueue<JsonNode> events = start(project, E2eFleet.gatewayUrl() + "/api", reset.text("token"));

        JsonNode ready = await(events, "ready", Duration.ofSeconds(90));
        assertThat(ready.path("user_id").asString()).isEqualTo(botUserId);
        assertThat(ready.path("bot").asBoolean()).isTrue();
        assertThat(ready.path("application_id").asString()).isEqualTo(applicationId);
        JsonNode guild = null;
        for (JsonNode g : ready.path("guilds")) {
            if (server.id().equals(g.path("id").asString())) {
                guild = g;
            }
        }
        assertThat(guild).as("the server is cached at ready: %s", ready).isNotNull();
        List<String> channelIds = new ArrayList<>();
        guild.path("channels").forEach(c -> channelIds.add(c.path("id").asString()));
        assertThat(channelIds).as("its channels are cached").contains(server.general());
        // the bot registers its slash command over REST (a bulk overwrite), as against Discord
        JsonNode commands = await(events, "commands", Duration.ofSeconds(30));
        assertThat(commands.path("names").path(0).asString()).isEqualTo("echo");

        String content = "hello bot " + Scenario.uniqueWord("djs");
        // a cold fleet on a busy machine may time out the first send (503): the nonce makes a retry safe
        String messages = "/api/v1/channels/" + server.general() + "/messages";
        Map<String, Object> body = map("content", content, "nonce", Scenario.uniqueWord("n"));
        Response sent = api.post(messages, person.token(), body);
        for (int attempt = 0; sent.status() == 503 && attempt < 10; attempt++) {
            Thread.sleep(1000);
            sent = api.post(messages, person.token(), body);
        }
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String sentId = sent.text("message_id");

        JsonNode seen = await(events, "message", Duration.ofSeconds(30));
        assertThat(seen.path("content").asString()).isEqualTo(content);
        assertThat(seen.path("id").asString()).isEqualTo(sentId);
        assertThat(seen.path("author_id").asString()).isEqualTo(person.id());
        assertThat(seen.path("guild_id").asString()).isEqualTo(server.id());

        JsonNode replied = await(events, "replied", Duration.ofSeconds(30));
        assertThat(replied.path("reference").asString()).isEqualTo(sentId);

        // the rest of the "Done when" list, each step through discord.js's ordinary API, in the bot's order
        JsonNode edited = await(events, "edited", Duration.ofSeconds(30));
        assertThat(edited.path("content").asString()).isEqualTo("edited: " + content);
        await(events, "reacted", Duration.ofSeconds(30));
        JsonNode embed = await(events, "embed", Duration.ofSeconds(30));
        assertThat(embed.path("title").asString()).isEqualTo("Deploy finished");
        JsonNode file = await(events, "file", Duration.ofSeconds(60));
        assertThat(file.path("attachments").path(0).path("name").asString()).isEqualTo("hello.txt");
        JsonNode webhook = await(events, "webhook", Duration.ofSeconds(30));
        JsonNode deleted = await(events, "deleted", Duration.ofSeconds(30));

        Response history = api.get(messages + "?limit=50", person.token());
        assertThat(history.status()).isEqualTo(200);
        JsonNode reply = byId(history, replied.path("id").asString());
        assertThat(reply).as("the person sees the bot's reply in %s", history).isNotNull();
        // the bot edited its reply: the person sees the edit
        assertThat(reply.path("content").asString()).isEqualTo("edited: " + content);
        assertThat(reply.path("edited_at").isString()).isTrue();
        assertThat(reply.path("user_id").asString()).isEqualTo(botUserId);
        assertThat(reply.path("reply_to").path("message_id").asString()).isEqualTo(sentId);
        JsonNode reacted = byId(history, sentId);
        assertThat(reacted).as("the person's message in %s", history).isNotNull();
        assertThat(reacted.path("reactions").path(0).path("emoji").asString()).isEqualTo("👍");
        JsonNode embedded = byId(history, embed.path("id").asString());
        assertThat(embedded).as("the embed in %s", history).isNotNull();
        assertThat(embedded.path("embeds").path(0).path("title").asString()).isEqualTo("Deploy finished");
        JsonNode withFile = byId(history, file.path("id").asString());
        assertThat(withFile).as("the file in %s", history).isNotNull();
        assertThat(withFile.path("attachments").path(0).path("filename").asString()).isEqualTo("hello.txt");
        assertThat(withFile.path("attachments").path(0).path("size").asLong()).isEqualTo(22);
        JsonNode hooked = byId(history, webhook.path("id").asString());
        assertThat(hooked).as("the webhook's message in %s", history).isNotNull();
        assertThat(hooked.path("webhook_id").asString()).isEqualTo(webhook.path("webhook_id").asString());
        assertThat(hooked.path("content").asString()).isEqualTo("from a webhook");
        assertThat(byId(history, deleted.path("id").asString())).as("the deleted message is gone").isNull();

        // a person invokes the bot's slash command natively, as the web client does; the bot answers
        if (discordGatewayDispatches("INTERACTION_CREATE")) {
            Response invoked = retry(() -> api.post("/api/v1/channels/" + server.general() + "/interactions",
                    person.token(), map("application_id", applicationId, "name", "echo",
                            "options", List.of(map("name", "text", "value", "hi")))));
            assertThat(invoked.status()).as(invoked.toString()).isEqualTo(204);
            JsonNode interaction = await(events, "interaction", Duration.ofSeconds(30));
            assertThat(interaction.path("name").asString()).isEqualTo("echo");
            assertThat(interaction.path("user_id").asString()).isEqualTo(person.id());
            await(events, "interaction_replied", Duration.ofSeconds(30));
            JsonNode answer = null;
            for (JsonNode message : api.get(messages + "?limit=50", person.token()).body()) {
                if (message.path("interaction").path("interaction_id").asString()
                        .equals(interaction.path("id").asString())) {
                    answer = message;
                }
            }
            assertThat(answer).as("the person sees the bot's answer").isNotNull();
            assertThat(answer.path("content").asString()).isEqualTo("pong: hi");
            assertThat(answer.path("user_id").asString()).isEqualTo(botUserId);
        }

        // someone joins the server: the bot sees guildMemberAdd
        if (discordGatewayDispatches("GUILD_MEMBER_ADD")) {
            User newcomer = cold(() -> Scenario.register(api, "djsjoin"));
            Response invite = retry(() -> api.post("/api/v1/channels/" + server.general() + "/invites",
                    person.token(), map()));
            assertThat(invite.status()).as(invite.toString()).isIn(200, 201);
            Response joined = retry(() -> api.post("/api/v1/invites/" + invite.text("code"), newcomer.token(),
                    map()));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
            JsonNode join = await(events, "member_join", Duration.ofSeconds(30));
            assertThat(join.path("user_id").asString()).isEqualTo(newcomer.id());
            assertThat(join.path("guild_id").asString()).isEqualTo(server.id());
        }

        // what the libraries read besides: the gateway's url, the bot itself, and Discord's error JSON
        String token = reset.text("token");
        Response gateway = api.asBot("GET", "/api/v10/gateway/bot", token, null);
        assertThat(gateway.status()).as(gateway.toString()).isEqualTo(200);
        assertThat(gateway.text("url")).startsWith("ws://").endsWith("/gateway/discord").doesNotContain("?");
        assertThat(gateway.body().path("shards").asInt()).isEqualTo(1);
        assertThat(gateway.body().path("session_start_limit").path("max_concurrency").asInt()).isEqualTo(1);
        Response me = api.asBot("GET", "/api/v9/users/@me", token, null);
        assertThat(me.text("id")).isEqualTo(botUserId);
        assertThat(me.body().path("bot").asBoolean()).isTrue();
        Response unknown = api.asBot("GET", "/api/v10/channels/" + sentId + "/messages", token, null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.body().path("code").asInt()).as(unknown.toString()).isEqualTo(10003);
    }

    private static JsonNode byId(Response history, String messageId) {
        for (JsonNode message : history.body()) {
            if (messageId.equals(message.path("message_id").asString())) {
                return message;
            }
        }
        return null;
    }

    /**
     * Whether websocket-service's Discord gateway dialect dispatches this event yet: INTERACTION_CREATE and
     * GUILD_MEMBER_ADD arrive with branch i10-jda. Until then the steps that need them are skipped, not failed;
     * once the dispatch is in the source they run and must pass.
     */
    static boolean discordGatewayDispatches(String event) throws IOException {
        Path dialect = RepoRoot.find().resolve("websocket-service/src/main/java/dev/guildhall/websocket/discord");
        try (var files = Files.walk(dialect)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("\"" + event + "\"");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /**
     * A cold fleet on a loaded machine may answer a setup call 503 (the gateway's time limit); each of these
     * is safe to repeat (a fresh user or server, an idempotent PUT or PATCH, the newest token).
     */
    static Response retry(java.util.function.Supplier<Response> call) throws InterruptedException {
        Response response = call.get();
        for (int attempt = 0; response.status() == 503 && attempt < 10; attempt++) {
            Thread.sleep(2000);
            response = call.get();
        }
        return response;
    }

    /** As {@link #retry} for Scenario's helpers, which assert their own status. */
    static <T> T cold(java.util.function.Supplier<T> step) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return step.get();
            } catch (AssertionError e) {
                if (attempt >= 10 || !String.valueOf(e.getMessage()).contains("503")) {
                    throw e;
                }
                Thread.sleep(2000);
            }
        }
    }

    /** A cold fleet on a loaded machine may time out its first logins (503): wait until auth answers. */
    static void warmUp(Api api) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Response login = api.post("/api/v1/auth/login", null, map("login", "nobody", "password", "not it"));
            if (login.status() != 503) {
                return;
            }
            Thread.sleep(2000);
        }
    }

    private BlockingQueue<JsonNode> start(Path project, String api, String token) throws IOException {
        // never the test JVM's own standard streams: they are surefire's channel to Maven, and a child writing to
        // them (or reading its commands) corrupts it — "std/in stream corrupted", the whole e2e module failed
        ProcessBuilder builder = new ProcessBuilder("node", "bot.js").directory(project.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile("discordjs-bot.log")));
        builder.environment().put("GUILDHALL_API", api);
        builder.environment().put("BOT_TOKEN", token);
        bot = builder.start();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[discord.js] " + line);
                    if (line.startsWith("{")) {
                        events.add(Api.JSON.readTree(line));
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("[discord.js] output ended: " + e);
            }
        }, "discordjs-output");
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    /** The next event of this kind; an {@code error} or {@code timeout} event from the bot fails at once. */
    private static JsonNode await(BlockingQueue<JsonNode> events, String kind, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            JsonNode event = events.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
            if (event == null) {
                break;
            }
            String type = event.path("event").asString();
            if (kind.equals(type)) {
                return event;
            }
            assertThat(type).as("discord.js reported %s", event).isNotIn("error", "timeout", "disconnect");
        }
        throw new AssertionError("discord.js did not report '" + kind + "' within " + within);
    }

    /** A log of a child process under the module's {@code target/}. */
    private static java.io.File logFile(String name) {
        Path dir = RepoRoot.find().resolve("e2e-tests/target");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir.resolve(name).toFile();
    }

    private static boolean nodeAvailable() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code npm ci} from the committed lockfile, as {@code ./guildhall} does for the web client. */
    private static void installWhenMissing(Path project) throws IOException, InterruptedException {
        if (Files.isDirectory(project.resolve("node_modules/discord.js"))) {
            return;
        }
        // output to a file and no standard input: inheriting the test JVM's streams gave npm surefire's command
        // channel (a fresh clone runs this; a developer's tree with node_modules does not)
        java.io.File log = logFile("discordjs-npm-ci.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        assertThat(npm.waitFor(10, TimeUnit.MINUTES)).as("npm ci finished (output in %s)", log).isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s (output in %s)", project, log).isZero();
    }
}
