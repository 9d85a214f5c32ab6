package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.member.GuildMemberJoinEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import net.dv8tion.jda.internal.JDAImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10's headline, JDA half: a real, unmodified JDA 6.5.0 bot in this JVM, configured only with the fleet's
 * REST base URL ({@code RestConfig.setBaseUrl}) and a {@code SessionController} whose gateway is the url {@code GET
 * /api/v10/gateway/bot} names, on JDA's default zlib-stream compression: it is ready with the server and its
 * channels cached, receives a person's message with its content, replies (the reference kept), edits, reacts, sends
 * an embed, deletes, sees a member join, and after its socket is closed under it RESUMEs without losing the message
 * sent meanwhile. The person checks each effect in v1.
 */
class JdaBotTest {

    static final long ADD_REACTIONS = 1L << 6;
    static final long SEND_MESSAGES = 1L << 11;
    static final long EMBED_LINKS = 1L << 14;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long GATEWAY_GUILD_MEMBERS = 1L << 14;
    static final long GATEWAY_MESSAGE_CONTENT = 1L << 18;
    static final Duration WAIT = Duration.ofSeconds(30);

    private JDA jda;

    @AfterEach
    void stopBot() {
        if (jda != null) {
            jda.shutdownNow();
        }
    }

    @Test
    void anUnmodifiedJdaBotWorksAgainstGuildhall() throws Exception {
        Api api = Scenario.api();
        DiscordJsBotTest.warmUp(api);
        User person = DiscordJsBotTest.cold(() -> Scenario.register(api, "jda"));
        Server server = DiscordJsBotTest.cold(() -> Scenario.server(api, person));
        Response app = DiscordJsBotTest.retry(() -> api.post("/api/v1/applications", person.token(),
                map("name", "Jda Bot")));
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        String applicationId = app.text("application_id");
        String botUserId = app.body().get("bot").get("user_id").asString();
        Response flags = DiscordJsBotTest.retry(() -> api.patch("/api/v1/applications/" + applicationId,
                person.token(), map("flags", GATEWAY_MESSAGE_CONTENT | GATEWAY_GUILD_MEMBERS)));
        assertThat(flags.status()).as(flags.toString()).isEqualTo(200);
        Response reset = DiscordJsBotTest.retry(() -> api.post("/api/v1/applications/" + applicationId
                + "/bot/token", person.token(), null));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        String token = reset.text("token");
        Response added = DiscordJsBotTest.retry(() -> api.put("/api/v1/servers/" + server.id() + "/bots/"
                + applicationId, person.token(), map("permissions", Long.toString(Scenario.VIEW_CHANNEL
                | SEND_MESSAGES | READ_MESSAGE_HISTORY | ADD_REACTIONS | EMBED_LINKS))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        // what a JDA user would configure: the REST base and the gateway /gateway/bot names
        Response gateway = api.asBot("GET", "/api/v10/gateway/bot", token, null);
        assertThat(gateway.status()).as(gateway.toString()).isEqualTo(200);
        String gatewayUrl = gateway.text("url");
        BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
        jda = JDABuilder.createLight(token, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT,
                        GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MESSAGE_REACTIONS))
                .setRestConfig(new RestConfig().setBaseUrl(E2eFleet.gatewayUrl() + "/api/v10/"))
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gatewayUrl;
                    }
                })
                .addEventListeners((net.dv8tion.jda.api.hooks.EventListener) events::add)
                .build();
        jda.awaitReady();

        // ready: the bot, its server and channels cached
        assertThat(jda.getSelfUser().getId()).isEqualTo(botUserId);
        assertThat(jda.getSelfUser().isBot()).isTrue();
        Guild guild = jda.getGuildById(server.id());
        assertThat(guild).as("the server is cached at ready: %s", jda.getGuilds()).isNotNull();
        var general = guild.getTextChannelById(server.general());
        assertThat(general).as("its channels are cached: %s", guild.getChannels()).isNotNull();

        // a person's message, with its content
        String content = "hello jda " + Scenario.uniqueWord("jda");
        String sentId = send(api, person, server.general(), content);
        MessageReceivedEvent received = await(events, MessageReceivedEvent.class,
                e -> e.getMessageId().equals(sentId));
        assertThat(received.getMessage().getContentRaw()).isEqualTo(content);
        assertThat(received.getAuthor().getId()).isEqualTo(person.id());
        assertThat(received.getGuild().getId()).isEqualTo(server.id());

        // reply, keeping the reference
        Message reply = received.getMessage().reply("echo: " + content).complete();
        assertThat(reply.getMessageReference()).isNotNull();
        assertThat(reply.getMessageReference().getMessageId()).isEqualTo(sentId);
        JsonNode replyV1 = message(api, person, server.general(), reply.getId());
        assertThat(replyV1.path("user_id").asString()).isEqualTo(botUserId);
        assertThat(replyV1.path("reply_to").path("message_id").asString()).isEqualTo(sentId);

        // edit
        Message edited = reply.editMessage("edited: " + content).complete();
        assertThat(edited.getContentRaw()).isEqualTo("edited: " + content);
        assertThat(message(api, person, server.general(), reply.getId()).path("content").asString())
                .isEqualTo("edited: " + content);

        // react
        received.getMessage().addReaction(Emoji.fromUnicode("👍")).complete();
        JsonNode reacted = message(api, person, server.general(), sentId);
        assertThat(reacted.path("reactions").toString()).contains("👍");

        // an embed
        Message embed = general.sendMessageEmbeds(new EmbedBuilder().setTitle("Deploy finished")
                .setDescription("**main** is live").setColor(0x2ECC71).addField("took", "42 s", true).build())
                .complete();
        JsonNode embedV1 = message(api, person, server.general(), embed.getId());
        assertThat(embedV1.path("embeds").get(0).path("title").asString()).isEqualTo("Deploy finished");
        assertThat(embedV1.path("embeds").get(0).path("fields").get(0).path("value").asString()).isEqualTo("42 s");

        // delete
        reply.delete().complete();
        await(events, MessageDeleteEvent.class, e -> e.getMessageId().equals(reply.getId()));
        Response gone = api.get("/api/v1/channels/" + server.general() + "/messages/" + reply.getId(), person.token());
        assertThat(gone.status()).as(gone.toString()).isEqualTo(404);

        // a member joins
        User joiner = DiscordJsBotTest.cold(() -> Scenario.register(api, "jdaj"));
        Response invite = api.post("/api/v1/channels/" + server.general() + "/invites", person.token(),
                map("max_age", 3600, "max_uses", 0));
        assertThat(invite.status()).as(invite.toString()).isIn(200, 201);
        Response join = api.post("/api/v1/invites/" + invite.text("code"), joiner.token(), map());
        assertThat(join.status()).as(join.toString()).isIn(200, 201);
        GuildMemberJoinEvent joined = await(events, GuildMemberJoinEvent.class,
                e -> e.getUser().getId().equals(joiner.id()));
        assertThat(joined.getGuild().getId()).isEqualTo(server.id());

        // the socket closes under the bot (as when its node goes away): JDA RESUMEs and misses nothing
        events.clear();
        ((JDAImpl) jda).getClient().close(4000, "test: reconnect");
        await(events, SessionDisconnectEvent.class, e -> true);
        String whileAway = "while away " + Scenario.uniqueWord("jda");
        String awayId = send(api, person, server.general(), whileAway);
        // the replayed MESSAGE_CREATE comes before RESUMED, so JDA reports the message before the resume
        MessageReceivedEvent missed = null;
        boolean resumed = false;
        while (missed == null || !resumed) {
            GenericEvent event = await(events, GenericEvent.class, e -> e instanceof SessionResumeEvent
                    || e instanceof SessionRecreateEvent
                    || e instanceof MessageReceivedEvent m && m.getMessageId().equals(awayId));
            assertThat(event).as("the session was resumed, not identified again")
                    .isNotInstanceOf(SessionRecreateEvent.class);
            if (event instanceof MessageReceivedEvent m) {
                missed = m;
            } else {
                resumed = true;
            }
        }
        assertThat(missed.getMessage().getContentRaw()).isEqualTo(whileAway);
    }

    /** A person's message; a cold fleet may answer 503 at first, and the nonce makes a retry safe. */
    private static String send(Api api, User person, String channel, String content) throws InterruptedException {
        String path = "/api/v1/channels/" + channel + "/messages";
        Map<String, Object> body = map("content", content, "nonce", Scenario.uniqueWord("n"));
        Response sent = api.post(path, person.token(), body);
        for (int attempt = 0; sent.status() == 503 && attempt < 10; attempt++) {
            Thread.sleep(1000);
            sent = api.post(path, person.token(), body);
        }
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent.text("message_id");
    }

    private static JsonNode message(Api api, User person, String channel, String messageId) {
        Response got = api.get("/api/v1/channels/" + channel + "/messages/" + messageId, person.token());
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        return got.body();
    }

    private static <T extends GenericEvent> T await(BlockingQueue<GenericEvent> events, Class<T> type,
                                                    Predicate<T> matching) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        StringBuilder seen = new StringBuilder();
        while (Instant.now().isBefore(deadline)) {
            GenericEvent event = events.poll(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
            if (event == null) {
                break;
            }
            if (type.isInstance(event) && matching.test(type.cast(event))) {
                return type.cast(event);
            }
            seen.append(event.getClass().getSimpleName()).append(' ');
        }
        throw new AssertionError("JDA did not report a matching " + type.getSimpleName() + " within " + WAIT
                + "; saw " + seen);
    }
}
