package dev.guildhall.bot.discord;

import dev.guildhall.bot.support.BotEvents;
import dev.guildhall.bot.support.BotPlatformTest;
import dev.guildhall.bot.support.FakeServers;
import dev.guildhall.support.testing.FuzzSettings;
import dev.guildhall.support.testing.OpenApiDescription;
import dev.guildhall.support.testing.OpenApiFuzz;
import dev.guildhall.support.testing.SpringTestContext;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzz property for bot-service's Discord-compatible surface (ADRs 177, 258, 271): hostile requests to every
 * operation of its own description ({@code /v3/api-docs/discord}, the {@code /api/v10} routes), sent as a bot
 * ({@code Authorization: Bot <token>}) of an application that is a member of a stood-in server with a channel, with the
 * ids of real objects (its application, a command, a webhook and its token, and an interaction a member started with
 * the command and its token) in the path variables otherwise, so that the interaction routes are driven past their
 * lookup. Real
 * MariaDB, Redis, Kafka and auth-service; server-service's internal answers stood in by {@link FakeServers}, the
 * owners' v1 APIs the dialect translates by an {@link OwnerStandIn} of its own that knows the server, its channel, a
 * message and a member, and answers anything else as an owner would (404 with a problem). Every answer must be below
 * 500 with no stack trace, and every 4xx Discord's error object (JSON with a numeric {@code code} and a
 * {@code message}; 429 with {@code retry_after}). Replay a failure with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class DiscordFuzzTest extends BotPlatformTest {

    private static final long SERVER = 890_001;
    private static final long CHANNEL = 890_002;
    private static final long MESSAGE = 890_003;
    private static final long INVOKER_PERMISSIONS = (1L << 10) | (1L << 31); // VIEW_CHANNEL | USE_APPLICATION_COMMANDS
    private static final String THUMBS_UP = "%F0%9F%91%8D";
    private static final OwnerStandIn OWNERS = OwnerStandIn.start();

    private OpenApiFuzz fuzz;

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) {
        registry.add("guildhall.discord.server-url", OWNERS::url);
        registry.add("guildhall.discord.message-url", OWNERS::url);
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        OpenApiFuzz.awaitTokenChecks(port, newPerson("warm-up"), "/api/v1/applications");
        App app = app();
        FakeServers.get().member(SERVER, app.botUserId(), Long.MAX_VALUE).channel(SERVER, CHANNEL);
        standInOwners(app.botUserId());
        String command = bot("POST", "/api/v10/applications/" + app.id() + "/commands",
                Map.of("name", "echo", "description", "Says it back"), "Authorization", app.bot()).expect(201).json()
                .get("id").asString();
        JsonNode webhook = bot("POST", "/api/v10/channels/" + CHANNEL + "/webhooks", Map.of("name", "Fuzz"),
                "Authorization", app.bot()).expect(200).json();
        JsonNode interaction = interaction(app);
        Map<String, String> ids = Map.ofEntries(
                Map.entry("applicationId", app.id()),
                Map.entry("guildId", Long.toString(SERVER)),
                Map.entry("channelId", Long.toString(CHANNEL)),
                Map.entry("messageId", Long.toString(MESSAGE)),
                Map.entry("userId", Long.toString(app.botUserId())),
                Map.entry("targetId", Long.toString(SERVER)),
                Map.entry("commandId", command),
                Map.entry("webhookId", webhook.get("id").asString()),
                Map.entry("token", webhook.get("token").asString()),
                Map.entry("interactionId", interaction.get("id").asString()),
                Map.entry("interactionToken", interaction.get("token").asString()),
                Map.entry("emoji", THUMBS_UP));
        fuzz = OpenApiFuzz.againstDiscord(port, "/v3/api-docs/discord", app.bot(), ids);
        assertThat(fuzz.operations()).as("the Discord description's operations")
                .allSatisfy(operation -> assertThat(operation.path()).startsWith("/api/v10/"))
                .hasSizeGreaterThan(30);
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the Discord description. */
    @Property(tries = 1)
    void hostileRequestsAreAnsweredInDiscordsWords(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }

    /** The discord group is a description of its own: the public one (the gateway's /api-docs/bot) stays v1 only. */
    @Example
    void thePublicDescriptionStillShowsOnlyV1() {
        assertThat(OpenApiDescription.of(port, null).operations()).isNotEmpty()
                .allSatisfy(operation -> assertThat(operation.path()).startsWith("/api/v1/"));
    }

    /**
     * A real interaction with the application's command, as a member who may use commands starts it (the v1 route a
     * client uses), read from bot-events as the bot would receive it: {@code {id, token, ...}}. Its token lives 15
     * minutes, far longer than a sweep; deferred, so that every interaction route gets past its lookup.
     */
    private JsonNode interaction(App app) {
        String invoker = newPerson("invoker");
        FakeServers.get().member(SERVER, userId(invoker), INVOKER_PERMISSIONS);
        try (BotEvents events = new BotEvents()) {
            bot("POST", "/api/v1/channels/" + CHANNEL + "/interactions", Map.of("application_id", app.id(), "name",
                    "echo", "options", List.of()), "Authorization", invoker).expect(204);
            JsonNode created = events.await(e -> "INTERACTION_CREATE".equals(e.path("type").asString())
                    && app.id().equals(e.path("data").path("application_id").asString()), Duration.ofSeconds(30));
            assertThat(created).as("the bot hears of the interaction").isNotNull();
            JsonNode interaction = created.get("data");
            // deferred at once, as a bot does (an interaction left unanswered for 3 s fails, and its routes are then
            // all Unknown Interaction): from here on its original response and follow-ups are reachable
            String id = interaction.get("id").asString();
            String token = interaction.get("token").asString();
            bot("POST", "/api/v10/interactions/" + id + "/" + token + "/callback", Map.of("type", 5)).expect(204);
            assertThat(bot("GET", "/api/v10/webhooks/" + app.id() + "/" + token + "/messages/@original", null)
                    .expect(404).json().get("code").asInt()).as("past the lookup: Unknown Message").isEqualTo(10008);
            return interaction;
        }
    }

    /** server-service's and message-service's v1 answers for the fixture's objects; anything else an owner's 404. */
    private static void standInOwners(long botUserId) {
        String server = "/api/v1/servers/" + SERVER;
        String channel = "/api/v1/channels/" + CHANNEL;
        String channelJson = "{\"channel_id\":\"" + CHANNEL + "\",\"server_id\":\"" + SERVER + "\",\"channel_name\":"
                + "\"general\",\"channel_type\":\"text\",\"parent_id\":null,\"position\":0,\"permission_overwrites\":[]}";
        String member = "{\"user_id\":\"" + botUserId + "\",\"server_id\":\"" + SERVER + "\",\"user\":{\"user_id\":\""
                + botUserId + "\",\"username\":\"fuzzbot\",\"avatar_url\":null,\"bot\":true},\"roles\":[],"
                + "\"nick\":null,\"joined_at\":\"2026-12-01T00:00:00Z\"}";
        String message = "{\"message_id\":\"" + MESSAGE + "\",\"channel_id\":\"" + CHANNEL + "\",\"server_id\":\""
                + SERVER + "\",\"user_id\":\"" + botUserId + "\",\"author\":{\"user_id\":\"" + botUserId
                + "\",\"username\":\"fuzzbot\",\"avatar_url\":null,\"bot\":true},\"content\":\"hello\",\"created_at\":"
                + "\"2026-12-06T12:00:00Z\",\"edited_at\":null,\"reply_to\":null,\"attachments\":[],\"reactions\":[],"
                + "\"mentions\":[],\"pinned\":false,\"nonce\":null}";
        String invite = "{\"code\":\"fuzzcode\",\"server_id\":\"" + SERVER + "\",\"channel_id\":\"" + CHANNEL
                + "\",\"inviter_id\":\"" + botUserId + "\",\"max_age\":86400,\"max_uses\":0,\"uses\":0,"
                + "\"expires_at\":null}";
        String query = "(\\?.*)?";
        OWNERS.answerMatching("GET " + server + query, 200, "{\"server_id\":\"" + SERVER + "\",\"server_name\":\"fuzz\","
                + "\"owner_id\":\"1\",\"icon_url\":null,\"created_at\":\"2026-12-01T00:00:00Z\",\"member_count\":2}");
        OWNERS.answerMatching("GET " + server + "/roles" + query, 200, "[{\"role_id\":\"" + SERVER + "\",\"server_id\":\""
                + SERVER + "\",\"name\":\"@everyone\",\"permissions\":\"1024\",\"color\":0,\"position\":0,"
                + "\"hoist\":false,\"mentionable\":false,\"managed\":false}]");
        OWNERS.answerMatching("GET " + server + "/channels" + query, 200, "[" + channelJson + "]");
        OWNERS.answerMatching("GET " + server + "/members" + query, 200, "[" + member + "]");
        OWNERS.answerMatching("GET " + server + "/members/" + botUserId + query, 200, member);
        OWNERS.answerMatching("GET " + server + "/invites" + query, 200, "[" + invite + "]");
        OWNERS.answerMatching("GET " + channel + query, 200, channelJson);
        OWNERS.answerMatching("POST " + channel + "/invites" + query, 200, invite);
        OWNERS.answerMatching("GET " + channel + "/messages" + query, 200, "[" + message + "]");
        OWNERS.answerMatching("POST " + channel + "/messages" + query, 200, message);
        OWNERS.answerMatching("(GET|PATCH) " + channel + "/messages/" + MESSAGE + query, 200, message);
        OWNERS.answerMatching("GET " + channel + "/pins" + query, 200, "[" + message + "]");
        OWNERS.answerMatching("GET " + channel + "/messages/" + MESSAGE + "/reactions/[^/?]+" + query, 200,
                "[{\"user_id\":\"" + botUserId + "\",\"username\":\"fuzzbot\",\"avatar_url\":null,\"bot\":true}]");
        OWNERS.answerMatching("(PUT|DELETE|POST) " + channel + "/(messages/" + MESSAGE + "(/reactions/[^/?]+/@me)?"
                + "|pins/" + MESSAGE + "|permissions/[0-9]+|typing)" + query, 204, "");
        OWNERS.otherwise(404, "{\"type\":\"https://guildhall.dev/errors/not-found\",\"title\":\"Not Found\","
                + "\"status\":404,\"detail\":\"Not found\",\"code\":\"NOT_FOUND\"}");
    }
}
