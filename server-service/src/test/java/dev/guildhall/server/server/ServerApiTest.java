package dev.guildhall.server.server;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.FakeAuthService;
import dev.guildhall.server.support.IntegrationTest;
import dev.guildhall.support.testing.HostileRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerApiTest extends IntegrationTest {

    @Test
    void createdServerHasItsDefaults() {
        User owner = newUser("alice");
        Api.Response created = api().post(owner.token(), "/api/v1/servers", Map.of("server_name", "  Guild One "));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String serverId = created.get("server_id");
        assertThat(created.get("server_name")).isEqualTo("Guild One");
        assertThat(created.get("owner_id")).isEqualTo(owner.idString());
        assertThat(created.json().has("icon_url")).isTrue();
        assertThat(created.get("created_at")).isNotBlank();

        JsonNode roles = api().get(owner.token(), "/api/v1/servers/" + serverId + "/roles").json();
        assertThat(roles).hasSize(1);
        assertThat(roles.get(0).path("role_id").asString()).isEqualTo(serverId);
        assertThat(roles.get(0).path("name").asString()).isEqualTo("@everyone");
        assertThat(roles.get(0).path("permissions").asString()).isEqualTo(Permission.format(Permission.DEFAULT_EVERYONE));
        assertThat(roles.get(0).path("position").asInt()).isZero();

        JsonNode channels = api().get(owner.token(), "/api/v1/servers/" + serverId + "/channels").json();
        assertThat(channels).hasSize(2);
        assertThat(channels.get(0).path("channel_name").asString()).isEqualTo("general");
        assertThat(channels.get(0).path("channel_type").asString()).isEqualTo("text");
        assertThat(channels.get(1).path("channel_name").asString()).isEqualTo("General");
        assertThat(channels.get(1).path("channel_type").asString()).isEqualTo("voice");
        assertThat(channels.get(0).path("server_id").asString()).isEqualTo(serverId);
        assertThat(channels.get(0).path("permission_overwrites").isArray()).isTrue();
        assertThat(channels.get(0).path("parent_id").isNull()).isTrue();

        JsonNode members = api().get(owner.token(), "/api/v1/servers/" + serverId + "/members").json();
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("user_id").asString()).isEqualTo(owner.idString());
        assertThat(members.get(0).path("user").path("username").asString()).isEqualTo("alice");

        Api.Response get = api().get(owner.token(), "/api/v1/servers/" + serverId);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json()).isEqualTo(created.json());

        JsonNode mine = api().get(owner.token(), "/api/v1/users/@me/servers").json();
        assertThat(mine.findValuesAsString("server_id")).contains(serverId);
    }

    @Test
    void serversSpreadOverBothShards() throws Exception {
        User owner = newUser("spreader");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api.Response r = api().post(owner.token(), "/api/v1/servers", Map.of("server_name", "spread " + i));
            assertThat(r.status()).isEqualTo(201);
            ids.add(r.get("server_id"));
        }
        long onShard0 = count(SHARD_0, "SELECT COUNT(*) FROM servers WHERE owner_id = ?", owner.id());
        long onShard1 = count(SHARD_1, "SELECT COUNT(*) FROM servers WHERE owner_id = ?", owner.id());
        assertThat(onShard0 + onShard1).isEqualTo(20);
        assertThat(onShard0).isPositive();
        assertThat(onShard1).isPositive();
        // each server's rows live together on its shard
        for (String id : ids) {
            long roles = count(SHARD_0, "SELECT COUNT(*) FROM roles WHERE server_id = ?", Long.parseLong(id))
                    + count(SHARD_1, "SELECT COUNT(*) FROM roles WHERE server_id = ?", Long.parseLong(id));
            assertThat(roles).isEqualTo(1);
        }
        assertThat(count(GLOBAL_DB, "SELECT COUNT(*) FROM user_servers WHERE user_id = ?", owner.id())).isEqualTo(20);
        JsonNode mine = api().get(owner.token(), "/api/v1/users/@me/servers").json();
        assertThat(mine.findValuesAsString("server_id")).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void ownerRenamesTransfersAndDeletes() {
        User owner = newUser("owner");
        User other = newUser("heir");
        String serverId = createServer(owner, "Realm");
        joinServer(owner, other, serverId);

        Api.Response renamed = api().patch(owner.token(), "/api/v1/servers/" + serverId,
                Map.of("server_name", "Realm 2", "icon_url", "https://cdn.example/icon.png"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.get("server_name")).isEqualTo("Realm 2");
        assertThat(renamed.get("icon_url")).isEqualTo("https://cdn.example/icon.png");
        Api.Response cleared = api().patch(owner.token(), "/api/v1/servers/" + serverId, "{\"icon_url\":null}");
        assertThat(cleared.json().path("icon_url").isNull()).isTrue();
        assertThat(cleared.get("server_name")).isEqualTo("Realm 2");

        // a member without MANAGE_SERVER cannot rename; nobody but the owner can transfer or delete
        assertThat(api().patch(other.token(), "/api/v1/servers/" + serverId, Map.of("server_name", "mine")).code())
                .isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().patch(other.token(), "/api/v1/servers/" + serverId, Map.of("owner_id", other.idString())).code())
                .isEqualTo("OWNER_ONLY");
        Api.Response refused = api().delete(other.token(), "/api/v1/servers/" + serverId);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("OWNER_ONLY");
        assertThat(refused.contentType()).startsWith("application/problem+json");

        // the owner cannot leave, and cannot hand the server to a non-member
        Api.Response ownerLeaves = api().delete(owner.token(), "/api/v1/servers/" + serverId + "/members/@me");
        assertThat(ownerLeaves.status()).isEqualTo(409);
        assertThat(ownerLeaves.code()).isEqualTo("OWNER_MUST_TRANSFER");
        assertThat(api().patch(owner.token(), "/api/v1/servers/" + serverId, Map.of("owner_id", "12345")).code())
                .isEqualTo("UNKNOWN_MEMBER");

        Api.Response transferred = api().patch(owner.token(), "/api/v1/servers/" + serverId,
                Map.of("owner_id", other.idString()));
        assertThat(transferred.get("owner_id")).isEqualTo(other.idString());
        assertThat(api().delete(owner.token(), "/api/v1/servers/" + serverId + "/members/@me").status()).isEqualTo(204);
        assertThat(api().get(owner.token(), "/api/v1/servers/" + serverId).status()).isEqualTo(404);

        assertThat(api().delete(other.token(), "/api/v1/servers/" + serverId).status()).isEqualTo(204);
        assertThat(api().get(other.token(), "/api/v1/servers/" + serverId).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(api().get(other.token(), "/api/v1/users/@me/servers").json().findValuesAsString("server_id"))
                .doesNotContain(serverId);
    }

    @Test
    void refusesUnauthenticatedAndBadTokens() {
        Api.Response none = api().get(null, "/api/v1/users/@me/servers");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.code()).isEqualTo("UNAUTHORIZED");
        assertThat(api().get(FakeAuthService.get().forgedToken(1), "/api/v1/users/@me/servers").code())
                .isEqualTo("INVALID_TOKEN");
        assertThat(api().get(FakeAuthService.get().expiredToken(1), "/api/v1/users/@me/servers").status())
                .isEqualTo(401);
        assertThat(api().get("not-a-jwt", "/api/v1/users/@me/servers").status()).isEqualTo(401);
    }

    @Test
    void answersBadInputWithStableCodes() {
        User user = newUser("validator");
        Api.Response blank = api().post(user.token(), "/api/v1/servers", Map.of("server_name", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(blank.json().path("errors").has("server_name")).isTrue();
        assertThat(api().post(user.token(), "/api/v1/servers", "{not json").code()).isEqualTo("MALFORMED_JSON");
        assertThat(api().get(user.token(), "/api/v1/servers/abc").code()).isEqualTo("INVALID_ID");
        assertThat(api().get(user.token(), "/api/v1/servers/123").code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(api().get(user.token(), "/api/v1/nothing-here").code()).isEqualTo("NOT_FOUND");
        // issue 14, finding 6: no coercion of JSON scalars, and no control characters in names
        assertThat(api().post(user.token(), "/api/v1/servers", "{\"server_name\": 123}").code()).isEqualTo("MALFORMED_JSON");
        assertThat(api().post(user.token(), "/api/v1/servers", "{\"server_name\": true}").code()).isEqualTo("MALFORMED_JSON");
        for (String name : new String[] {"\\u0000", "bad\\u0007name", "\\u202Eevil", "two\\nlines"}) {
            Api.Response control = api().post(user.token(), "/api/v1/servers", "{\"server_name\": \"" + name + "\"}");
            assertThat(control.status()).as(name).isEqualTo(400);
            assertThat(control.json().path("errors").has("server_name")).as(name).isTrue();
        }
        String server = api().post(user.token(), "/api/v1/servers", Map.of("server_name", "Typed")).get("server_id");
        String channel = api().get(user.token(), "/api/v1/servers/" + server + "/channels").json().get(0).path("channel_id")
                .asString();
        Api.Response position = api().patch(user.token(), "/api/v1/channels/" + channel, "{\"position\": \"x\"}");
        assertThat(position.status()).isEqualTo(400);
        assertThat(position.code()).isEqualTo("MALFORMED_JSON");
        assertThat(api().patch(user.token(), "/api/v1/channels/" + channel, "{\"position\": \"1\"}").status()).isEqualTo(400);
        assertThat(api().patch(user.token(), "/api/v1/channels/" + channel, "{\"channel_name\": \"a\\u0000b\"}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api().post(user.token(), "/api/v1/servers/" + server + "/roles", "{\"name\": \"r\\u0085\"}").code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api().post(user.token(), "/api/v1/servers/" + server + "/roles", "{\"hoist\": \"true\"}").code())
                .isEqualTo("MALFORMED_JSON");
        assertThat(api().send("PUT", user.token(), "/api/v1/servers", Map.of(), Map.of()).code())
                .isEqualTo("METHOD_NOT_ALLOWED");
    }

    /** Issue 14, finding 2: members, the audit log and server creation answer malformed input with a 4xx problem. */
    @Test
    void answersMalformedRequestsWithProblems() {
        User user = newUser("hostile");
        String server = createServer(user, "Hostile");
        String bearer = "Bearer " + user.token();
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes(
                "/api/v1/servers/" + server + "/members", "/api/v1/servers", bearer));
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes(
                "/api/v1/servers/" + server + "/audit-log", "/api/v1/servers/" + server + "/roles", bearer));
    }
}
