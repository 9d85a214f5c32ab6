package dev.guildhall.websocket.discord;

import dev.guildhall.websocket.protocol.CloseCode;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.IntentsRejectedException;
import dev.guildhall.websocket.session.SessionOperations;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Native dispatches become Discord's for one bot; a bot's intents follow the native gateway's bot rules. */
class DiscordEncoderTest {

    private static final long BOT = 500;
    private final JsonMapper json = JsonMapper.builder().build();
    private final DiscordEncoder encoder = new DiscordEncoder(json);

    private static final String MESSAGE = """
            {"message_id":"900","channel_id":"20","server_id":"10","user_id":"7",
             "author":{"user_id":"7","username":"alice","avatar_url":null},"content":"secret plans",
             "created_at":"2026-12-06T10:00:00Z","edited_at":null,
             "reply_to":{"message_id":"899","user_id":"500","content":"earlier","deleted":false},
             "attachments":[],"reactions":[{"emoji":"👍","count":2,"me":false}],"mentions":[],
             "mention_roles":[],"mention_everyone":false,"pinned":false,"nonce":"n1"}""";

    private DiscordIdentity bot(long intents) {
        ObjectNode user = json.createObjectNode().put("id", Long.toString(BOT)).put("username", "echo");
        return new DiscordIdentity(BOT, 600, 1L << 18, intents, user);
    }

    private JsonNode d(DispatchFrame frame) {
        String text = frame.text(1);
        return json.readTree(text).path("d");
    }

    @Test
    void aMessageCreateHasDiscordsShapeWithItsReplyReference() {
        DispatchFrame nativeFrame = DispatchFrame.of("MESSAGE_CREATE", "ev1", MESSAGE.getBytes(StandardCharsets.UTF_8));

        DispatchFrame out = encoder.encode(nativeFrame, bot(Intents.MESSAGE_CONTENT | 1 | 512));
        JsonNode d = d(out);

        assertThat(out.type()).isEqualTo("MESSAGE_CREATE");
        assertThat(d.path("id").asString()).isEqualTo("900");
        assertThat(d.path("guild_id").asString()).isEqualTo("10");
        assertThat(d.path("author").path("id").asString()).isEqualTo("7");
        assertThat(d.path("author").path("bot").asBoolean()).isFalse();
        assertThat(d.path("content").asString()).isEqualTo("secret plans");
        assertThat(d.path("type").asInt()).isEqualTo(19);
        assertThat(d.path("message_reference").path("message_id").asString()).isEqualTo("899");
        assertThat(d.path("reactions").get(0).path("emoji").path("name").asString()).isEqualTo("👍");
        assertThat(d.path("timestamp").asString()).isEqualTo("2026-12-06T10:00:00Z");
    }

    @Test
    void eventsWithoutADiscordTranslationAreNotSent() {
        DispatchFrame nativeFrame = DispatchFrame.of("READ_STATE_UPDATE", "ev2", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(encoder.encode(nativeFrame, bot(-1))).isNull();
    }

    @Test
    void aGuildCreateCarriesWhatTheLibrariesRequire() {
        JsonNode server = json.readTree("""
                {"server_id":"10","server_name":"Guild","owner_id":"7","created_at":"2026-12-01T00:00:00Z",
                 "channels":[{"channel_id":"20","server_id":"10","channel_name":"general","channel_type":"text",
                              "parent_id":null,"position":0,"permission_overwrites":
                              [{"id":"10","type":"role","allow":"0","deny":"2048"}]}],
                 "roles":[{"role_id":"10","server_id":"10","name":"@everyone","permissions":"1024","color":0,
                           "position":0,"hoist":false,"mentionable":false}]}""");

        ObjectNode g = encoder.guildCreate(server, bot(1), 3, List.of(11L));

        assertThat(g.path("id").asString()).isEqualTo("10");
        assertThat(g.path("afk_timeout").asInt()).isEqualTo(300);
        assertThat(g.path("member_count").asInt()).isEqualTo(3);
        for (String list : List.of("threads", "emojis", "stickers", "voice_states", "presences",
                "guild_scheduled_events", "members", "channels", "roles")) {
            assertThat(g.path(list).isArray()).as(list).isTrue();
        }
        JsonNode role = g.path("roles").get(0);
        assertThat(role.path("permissions").isString()).isTrue();
        assertThat(role.path("colors").has("primary_color")).isTrue();
        assertThat(role.path("colors").has("tertiary_color")).isTrue();
        JsonNode channel = g.path("channels").get(0);
        assertThat(channel.path("type").asInt()).isZero();
        assertThat(channel.path("permission_overwrites").get(0).path("type").asInt()).isZero();
        assertThat(channel.path("permission_overwrites").get(0).path("deny").asString()).isEqualTo("2048");
        assertThat(g.path("members").get(0).path("user").path("id").asString()).isEqualTo("500");
        assertThat(g.path("members").get(0).path("roles").get(0).asString()).isEqualTo("11");
    }

    @Test
    void intentsFollowTheBotRulesOfTheNativeGateway() {
        long messageContentFlag = 1L << 18;
        long content = Intents.MESSAGE_CONTENT;
        assertThat(DiscordSessions.intents(identify(1 | 512 | content), messageContentFlag).bits())
                .isEqualTo(1 | 512 | content);
        assertThat(DiscordSessions.intents(identify(1 | 512 | content), messageContentFlag).bot()).isTrue();
        assertThatThrownBy(() -> DiscordSessions.intents(identify(1 | 512 | content), 0))
                .isInstanceOfSatisfying(IntentsRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(CloseCode.DISALLOWED_INTENTS));
        assertThatThrownBy(() -> DiscordSessions.intents(identify(1L << 40), 0))
                .isInstanceOfSatisfying(IntentsRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(CloseCode.INVALID_INTENTS));
        SessionOperations.IdentifyRequest none = new SessionOperations.IdentifyRequest("t", Intents.ALL, null,
                "online", false);
        assertThat(DiscordSessions.intents(none, 0).bits()).isEqualTo(Intents.UNPRIVILEGED);
    }

    private static SessionOperations.IdentifyRequest identify(long bits) {
        return new SessionOperations.IdentifyRequest("t", new Intents(bits), null, "online", true);
    }

    private DispatchFrame nativeFrame(String type, String data) {
        return DispatchFrame.of(type, "ev-" + type, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void membersJoiningChangingAndLeavingAreGuildMemberEvents() {
        String member = """
                {"user_id":"7","server_id":"10","user":{"user_id":"7","username":"alice","avatar_url":null},
                 "roles":["30"],"nick":"Al","joined_at":"2026-12-06T10:00:00Z"}""";
        DispatchFrame add = encoder.encode(nativeFrame("SERVER_MEMBER_ADD", member), bot(2));
        assertThat(add.type()).isEqualTo("GUILD_MEMBER_ADD");
        assertThat(d(add).path("guild_id").asString()).isEqualTo("10");
        assertThat(d(add).path("user").path("id").asString()).isEqualTo("7");
        assertThat(d(add).path("user").path("username").asString()).isEqualTo("alice");
        assertThat(d(add).path("roles").get(0).asString()).isEqualTo("30");
        assertThat(d(add).path("nick").asString()).isEqualTo("Al");
        assertThat(encoder.encode(nativeFrame("SERVER_MEMBER_UPDATE", member), bot(2)).type())
                .isEqualTo("GUILD_MEMBER_UPDATE");

        DispatchFrame remove = encoder.encode(nativeFrame("SERVER_MEMBER_REMOVE", """
                {"server_id":"10","user_id":"7","user":{"user_id":"7","username":"alice"}}"""), bot(2));
        assertThat(remove.type()).isEqualTo("GUILD_MEMBER_REMOVE");
        assertThat(d(remove).path("guild_id").asString()).isEqualTo("10");
        assertThat(d(remove).path("user").path("id").asString()).isEqualTo("7");
    }

    @Test
    void theBotsOwnJoinIsItsGuildCreateAndItsRemovalAGuildDelete() {
        assertThat(encoder.encode(nativeFrame("SERVER_MEMBER_ADD", """
                {"user_id":"500","server_id":"10","roles":[]}"""), bot(2))).isNull();
        DispatchFrame removed = encoder.encode(nativeFrame("SERVER_MEMBER_REMOVE", """
                {"server_id":"10","user_id":"500"}"""), bot(1));
        assertThat(removed.type()).isEqualTo("GUILD_DELETE");
        assertThat(d(removed).path("id").asString()).isEqualTo("10");
        assertThat(d(removed).has("unavailable")).as("removed, not an outage").isFalse();
        DispatchFrame deleted = encoder.encode(nativeFrame("SERVER_DELETE", "{\"server_id\":\"10\"}"), bot(1));
        assertThat(deleted.type()).isEqualTo("GUILD_DELETE");
        assertThat(d(deleted).path("id").asString()).isEqualTo("10");
    }

    @Test
    void channelsRolesAndPresencesHaveDiscordsNames() {
        DispatchFrame channel = encoder.encode(nativeFrame("CHANNEL_CREATE", """
                {"channel_id":"21","server_id":"10","channel_name":"ops","channel_type":"text","position":2}"""),
                bot(1));
        assertThat(channel.type()).isEqualTo("CHANNEL_CREATE");
        assertThat(d(channel).path("name").asString()).isEqualTo("ops");
        assertThat(d(channel).path("guild_id").asString()).isEqualTo("10");
        assertThat(d(channel).path("type").asInt()).isZero();

        DispatchFrame role = encoder.encode(nativeFrame("SERVER_ROLE_UPDATE", """
                {"role_id":"30","server_id":"10","name":"mods","permissions":"8192","color":255,"position":1,
                 "hoist":true,"mentionable":false,"managed":false}"""), bot(1));
        assertThat(role.type()).isEqualTo("GUILD_ROLE_UPDATE");
        assertThat(d(role).path("guild_id").asString()).isEqualTo("10");
        assertThat(d(role).path("role").path("permissions").asString()).isEqualTo("8192");
        DispatchFrame gone = encoder.encode(nativeFrame("SERVER_ROLE_DELETE",
                "{\"server_id\":\"10\",\"role_id\":\"30\"}"), bot(1));
        assertThat(gone.type()).isEqualTo("GUILD_ROLE_DELETE");
        assertThat(d(gone).path("role_id").asString()).isEqualTo("30");

        DispatchFrame presence = encoder.encode(nativeFrame("PRESENCE_UPDATE",
                "{\"user_id\":\"7\",\"server_id\":\"10\",\"status\":\"idle\"}"), bot(1 << 8));
        assertThat(d(presence).path("user").path("id").asString()).isEqualTo("7");
        assertThat(d(presence).path("guild_id").asString()).isEqualTo("10");
        assertThat(d(presence).path("status").asString()).isEqualTo("idle");
        assertThat(d(presence).path("activities").isArray()).isTrue();
    }

    @Test
    void anInteractionHasDiscordsFullApplicationCommandShape() {
        DispatchFrame interaction = encoder.encode(nativeFrame("INTERACTION_CREATE", """
                {"interaction_id":"42","id":"42","application_id":"600","type":2,"token":"tok","version":1,
                 "data":{"id":"77","name":"deploy","type":1,"options":[{"name":"env","type":3,"value":"prod"}]},
                 "server_id":"10","guild_id":"10","channel_id":"20","user_id":"7",
                 "member":{"user":{"user_id":"7","id":"7","username":"alice","bot":false},"roles":["30"],
                           "joined_at":null,"permissions":"2048"}}"""), bot(1));
        JsonNode d = d(interaction);
        assertThat(interaction.type()).isEqualTo("INTERACTION_CREATE");
        assertThat(d.path("id").asString()).isEqualTo("42");
        assertThat(d.path("application_id").asString()).isEqualTo("600");
        assertThat(d.path("token").asString()).isEqualTo("tok");
        assertThat(d.path("data").path("name").asString()).isEqualTo("deploy");
        assertThat(d.path("data").path("options").get(0).path("value").asString()).isEqualTo("prod");
        assertThat(d.path("channel").path("id").asString()).isEqualTo("20");
        assertThat(d.path("member").path("user").path("id").asString()).isEqualTo("7");
        assertThat(d.path("member").path("permissions").asString()).isEqualTo("2048");
        assertThat(d.path("locale").asString()).isNotBlank();
        assertThat(d.path("entitlements").isArray()).isTrue();
    }

    @Test
    void resumedPassesAsItIs() {
        DispatchFrame resumed = DispatchFrame.of("RESUMED", "resumed:x", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(encoder.encode(resumed, bot(1))).isSameAs(resumed);
    }
}
