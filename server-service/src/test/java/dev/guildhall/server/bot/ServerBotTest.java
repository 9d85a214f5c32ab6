package dev.guildhall.server.bot;

import dev.guildhall.common.event.Topics;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.FakeBotService;
import dev.guildhall.server.support.IntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bots in servers (ADR 153): added with a managed role, held to every permission rule like a person. */
class ServerBotTest extends IntegrationTest {

    private static final String CHAT = Permission.format(Permission.VIEW_CHANNEL.bit() | Permission.SEND_MESSAGES.bit());

    private Api.Response asBot(FakeBotService.Bot bot, String method, String path) {
        return api().send(method, null, path, null, Map.of("Authorization", "Bot " + bot.token()));
    }

    private Api.Response addBot(User caller, String serverId, FakeBotService.Bot bot, String permissions) {
        return api().put(caller.token(), "/api/v1/servers/" + serverId + "/bots/" + bot.applicationIdString(),
                Map.of("permissions", permissions));
    }

    private JsonNode managedRole(User member, String serverId) {
        for (JsonNode role : api().get(member.token(), "/api/v1/servers/" + serverId + "/roles").json()) {
            if (role.get("managed").asBoolean()) {
                return role;
            }
        }
        return null;
    }

    @Test
    void anAddedBotIsAMemberWithAManagedRoleAndSeesOnlyThatServer() {
        User owner = newUser("owner");
        String serverId = createServer(owner, "with a bot");
        String otherServer = createServer(owner, "without it");
        FakeBotService.Bot bot = FakeBotService.get().newBot(owner.id(), "Greeter");

        Api.Response added = addBot(owner, serverId, bot, CHAT);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.get("user_id")).isEqualTo(Long.toString(bot.botUserId()));
        JsonNode role = managedRole(owner, serverId);
        assertThat(role).isNotNull();
        assertThat(role.get("name").asString()).isEqualTo("Greeter");
        assertThat(role.get("permissions").asString()).isEqualTo(CHAT);
        assertThat(added.json().get("roles")).extracting(JsonNode::asString)
                .containsExactly(role.get("role_id").asString());

        // the bot, with its own token, straight to this service: one server and its channels, no other
        assertThat(asBot(bot, "GET", "/api/v1/servers/" + serverId).status()).isEqualTo(200);
        assertThat(asBot(bot, "GET", "/api/v1/servers/" + serverId + "/channels").status()).isEqualTo(200);
        Api.Response other = asBot(bot, "GET", "/api/v1/servers/" + otherServer);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.code()).isEqualTo("UNKNOWN_SERVER");
        JsonNode mine = asBot(bot, "GET", "/api/v1/users/@me/servers").json();
        assertThat(mine.findValuesAsString("server_id")).containsExactly(serverId);
        // and it cannot let itself into others
        String code = invite(owner, generalChannel(owner, otherServer), Map.of());
        Api.Response joined = asBot(bot, "POST", "/api/v1/invites/" + code);
        assertThat(joined.status()).isEqualTo(403);
        assertThat(joined.code()).isEqualTo("BOT_NOT_ALLOWED");
        // permission rules hold for it as for a person: it was not given MANAGE_CHANNELS
        Api.Response channel = api().send("POST", null, "/api/v1/servers/" + serverId + "/channels",
                Map.of("channel_name", "bots-only", "channel_type", "text"), Map.of("Authorization", "Bot " + bot.token()));
        assertThat(channel.status()).isEqualTo(403);
        assertThat(channel.code()).isEqualTo("MISSING_PERMISSIONS");

        JsonNode audit = api().get(owner.token(), "/api/v1/servers/" + serverId + "/audit-log").json();
        assertThat(audit.findValuesAsString("action_type")).contains("BOT_ADD", "ROLE_CREATE");
    }

    @Test
    void addingAndRemovingABotPublishesTheEventsOfAPersonJoiningAndLeaving() {
        User owner = newUser("owner");
        String serverId = createServer(owner, "evented bot");
        FakeBotService.Bot bot = FakeBotService.get().newBot(owner.id(), "Herald");
        String path = "/api/v1/servers/" + serverId + "/bots/" + bot.applicationIdString();
        assertThat(addBot(owner, serverId, bot, CHAT).status()).isEqualTo(200);
        assertThat(api().delete(owner.token(), path).status()).isEqualTo(204);

        List<JsonNode> events = serverEvents(serverId, 5, Duration.ofSeconds(60));
        List<String> types = events.stream().map(e -> e.path("type").asString()).toList();
        assertThat(types).containsSubsequence("SERVER_ROLE_CREATE", "SERVER_MEMBER_ADD", "SERVER_ROLE_DELETE",
                "SERVER_MEMBER_REMOVE");
        JsonNode roleCreate = events.get(types.indexOf("SERVER_ROLE_CREATE"));
        assertThat(roleCreate.path("data").path("managed").asBoolean()).isTrue();
        assertThat(roleCreate.path("data").path("name").asString()).isEqualTo("Herald");
        JsonNode memberAdd = events.get(types.indexOf("SERVER_MEMBER_ADD"));
        assertThat(memberAdd.path("user_id").asString()).isEqualTo(Long.toString(bot.botUserId()));
        assertThat(memberAdd.path("data").path("roles").get(0).asString())
                .isEqualTo(roleCreate.path("data").path("role_id").asString());
    }

    private static List<JsonNode> serverEvents(String serverId, int atLeast, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "server-bot-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.SERVER_EVENTS));
            while (events.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (serverId.equals(record.key())) {
                        events.add(Api.JSON.readTree(record.value()));
                    }
                }
            }
        }
        return events;
    }

    @Test
    void aForgedOrRevokedBotTokenIsRefusedByTheServiceItself() {
        User owner = newUser("owner");
        String serverId = createServer(owner, "guarded");
        FakeBotService.Bot bot = FakeBotService.get().newBot(owner.id(), "Revoked");
        assertThat(addBot(owner, serverId, bot, CHAT).status()).isEqualTo(200);
        assertThat(asBot(bot, "GET", "/api/v1/servers/" + serverId).status()).isEqualTo(200);

        Api.Response forged = api().send("GET", null, "/api/v1/servers/" + serverId, null,
                Map.of("Authorization", "Bot " + bot.token() + "x"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("INVALID_TOKEN");

        FakeBotService.get().revoke(bot);
        // the service remembers a valid token at most 5 s (ADR 152)
        long deadline = System.currentTimeMillis() + 8000;
        int status = 200;
        while (status == 200 && System.currentTimeMillis() < deadline) {
            status = asBot(bot, "GET", "/api/v1/servers/" + serverId).status();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void aManagedRoleCannotBeEditedDeletedOrAssignedByHand() {
        User owner = newUser("owner");
        String serverId = createServer(owner, "managed");
        FakeBotService.Bot bot = FakeBotService.get().newBot(owner.id(), "Keeper");
        assertThat(addBot(owner, serverId, bot, CHAT).status()).isEqualTo(200);
        String roleId = managedRole(owner, serverId).get("role_id").asString();
        String roles = "/api/v1/servers/" + serverId + "/roles/" + roleId;
        String members = "/api/v1/servers/" + serverId + "/members/";

        for (Api.Response refused : List.of(
                api().patch(owner.token(), roles, Map.of("name", "mine now")),
                api().delete(owner.token(), roles),
                api().put(owner.token(), members + owner.idString() + "/roles/" + roleId, null),
                api().delete(owner.token(), members + bot.botUserId() + "/roles/" + roleId),
                api().patch(owner.token(), members + bot.botUserId(), Map.of("roles", List.of())))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("MANAGED_ROLE");
        }
        assertThat(managedRole(owner, serverId).get("name").asString()).isEqualTo("Keeper");

        // adding it again changes what its role grants
        String more = Permission.format(Permission.VIEW_CHANNEL.bit() | Permission.ADD_REACTIONS.bit());
        assertThat(addBot(owner, serverId, bot, more).status()).isEqualTo(200);
        assertThat(managedRole(owner, serverId).get("permissions").asString()).isEqualTo(more);

        // removing the bot takes its role with it
        Api.Response removed = api().delete(owner.token(), "/api/v1/servers/" + serverId + "/bots/"
                + bot.applicationIdString());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(managedRole(owner, serverId)).isNull();
        assertThat(api().get(owner.token(), members + bot.botUserId()).code()).isEqualTo("UNKNOWN_MEMBER");
        assertThat(asBot(bot, "GET", "/api/v1/servers/" + serverId).status()).isEqualTo(404);
        JsonNode audit = api().get(owner.token(), "/api/v1/servers/" + serverId + "/audit-log").json();
        assertThat(audit.findValuesAsString("action_type")).contains("BOT_REMOVE", "ROLE_DELETE");
    }

    @Test
    void aBotKickedByHandCanBeAddedAgainOrRemovedWithItsRole() {
        User owner = newUser("owner");
        String serverId = createServer(owner, "kicked bot");
        FakeBotService.Bot bot = FakeBotService.get().newBot(owner.id(), "Bouncer");
        String members = "/api/v1/servers/" + serverId + "/members/";
        String bots = "/api/v1/servers/" + serverId + "/bots/" + bot.applicationIdString();
        assertThat(addBot(owner, serverId, bot, CHAT).status()).isEqualTo(200);
        String roleId = managedRole(owner, serverId).get("role_id").asString();

        assertThat(api().delete(owner.token(), members + bot.botUserId()).status()).isEqualTo(204);
        Api.Response again = addBot(owner, serverId, bot, CHAT);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("roles")).extracting(JsonNode::asString).containsExactly(roleId);

        assertThat(api().delete(owner.token(), members + bot.botUserId()).status()).isEqualTo(204);
        assertThat(api().delete(owner.token(), bots).status()).isEqualTo(204);
        assertThat(managedRole(owner, serverId)).isNull();
        assertThat(api().delete(owner.token(), bots).code()).isEqualTo("UNKNOWN_MEMBER");
    }

    @Test
    void nobodyGrantsABotWhatTheyLackOrAddsWithoutManageServer() {
        User owner = newUser("owner");
        User manager = newUser("manager");
        User member = newUser("member");
        String serverId = createServer(owner, "delegated");
        joinServer(owner, manager, serverId);
        joinServer(owner, member, serverId);
        String managers = createRole(owner, serverId, Map.of("name", "managers",
                "permissions", Permission.format(Permission.MANAGE_SERVER.bit() | Permission.VIEW_CHANNEL.bit()
                        | Permission.SEND_MESSAGES.bit())));
        assertThat(api().put(owner.token(), "/api/v1/servers/" + serverId + "/members/" + manager.idString()
                + "/roles/" + managers, null).status()).isEqualTo(204);

        FakeBotService.Bot managersBot = FakeBotService.get().newBot(manager.id(), "Delegated");
        Api.Response tooMuch = addBot(manager, serverId, managersBot,
                Permission.format(Permission.BAN_MEMBERS.bit() | Permission.SEND_MESSAGES.bit()));
        assertThat(tooMuch.status()).isEqualTo(403);
        assertThat(tooMuch.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(managedRole(owner, serverId)).isNull();
        assertThat(addBot(manager, serverId, managersBot, CHAT).status()).isEqualTo(200);

        FakeBotService.Bot membersBot = FakeBotService.get().newBot(member.id(), "Uninvited");
        Api.Response noManage = addBot(member, serverId, membersBot, "0");
        assertThat(noManage.status()).isEqualTo(403);
        assertThat(noManage.code()).isEqualTo("MISSING_PERMISSIONS");

        FakeBotService.Bot someoneElses = FakeBotService.get().newBot(member.id(), "Not yours");
        Api.Response foreign = addBot(owner, serverId, someoneElses, CHAT);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("UNKNOWN_APPLICATION");

        Api.Response bad = addBot(owner, serverId, FakeBotService.get().newBot(owner.id(), "Bad"), "lots");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
    }
}
