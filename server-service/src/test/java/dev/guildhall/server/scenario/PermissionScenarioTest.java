package dev.guildhall.server.scenario;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance scenario: a private channel seen only through a role, a member who joins by
 * invite, a non-member who learns nothing, a kick, the role hierarchy, and the audit log.
 */
class PermissionScenarioTest extends IntegrationTest {

    @Test
    void visibilityMembershipAndModeration() {
        User a = newUser("a-owner");
        User b = newUser("b-member");
        User c = newUser("c-stranger");
        String server = createServer(a, "Scenario");
        String category = createChannel(a, server, Map.of("channel_name", "Staff Area", "channel_type", "category"));
        String lobby = createChannel(a, server, Map.of("channel_name", "Lobby Chat", "channel_type", "text",
                "parent_id", category));
        String secret = createChannel(a, server, Map.of("channel_name", "secret", "channel_type", "text",
                "parent_id", category));
        String mods = createRole(a, server, Map.of("name", "mods", "permissions",
                Permission.format(Permission.of(Permission.MANAGE_ROLES, Permission.KICK_MEMBERS)), "hoist", true));

        Api.Response lobbyChannel = api().get(a.token(), "/api/v1/channels/" + lobby);
        assertThat(lobbyChannel.get("channel_name")).isEqualTo("lobby-chat");
        assertThat(lobbyChannel.get("parent_id")).isEqualTo(category);

        String view = Permission.format(Permission.VIEW_CHANNEL.bit());
        assertThat(api().put(a.token(), "/api/v1/channels/" + secret + "/permissions/" + server,
                Map.of("type", "role", "allow", "0", "deny", view)).status()).isEqualTo(204);
        assertThat(api().put(a.token(), "/api/v1/channels/" + secret + "/permissions/" + mods,
                Map.of("type", "role", "allow", view, "deny", "0")).status()).isEqualTo(204);
        JsonNode overwrites = api().get(a.token(), "/api/v1/channels/" + secret).json().path("permission_overwrites");
        assertThat(overwrites).hasSize(2);
        assertThat(overwrites.findValuesAsString("type")).containsOnly("role");

        String code = invite(a, lobby, Map.of("max_age", 3600, "max_uses", 5));
        Api.Response preview = api().get(b.token(), "/api/v1/invites/" + code);
        assertThat(preview.json().path("server").path("server_name").asString()).isEqualTo("Scenario");
        assertThat(preview.json().path("approximate_member_count").asInt()).isEqualTo(1);
        join(b, code);

        // B sees every channel but the secret one
        Api.Response bChannels = api().get(b.token(), "/api/v1/servers/" + server + "/channels");
        assertThat(names(bChannels)).containsExactlyInAnyOrder("general", "General", "Staff Area", "lobby-chat");
        assertThat(api().get(b.token(), "/api/v1/channels/" + secret).code()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(api().get(b.token(), "/api/v1/channels/" + lobby).status()).isEqualTo(200);

        // with mods, B sees it too
        assertThat(api().put(a.token(), "/api/v1/servers/" + server + "/members/" + b.idString() + "/roles/" + mods, null)
                .status()).isEqualTo(204);
        assertThat(names(api().get(b.token(), "/api/v1/servers/" + server + "/channels"))).contains("secret");
        assertThat(api().get(b.token(), "/api/v1/channels/" + secret).status()).isEqualTo(200);
        Api.Response bMember = api().get(a.token(), "/api/v1/servers/" + server + "/members/" + b.idString());
        assertThat(bMember.json().path("roles").get(0).asString()).isEqualTo(mods);
        assertThat(bMember.json().path("user").path("username").asString()).isEqualTo("b-member");

        // C, not a member, learns nothing: 404 everywhere, never 403
        for (String path : List.of("/api/v1/servers/" + server, "/api/v1/servers/" + server + "/channels",
                "/api/v1/servers/" + server + "/members", "/api/v1/servers/" + server + "/roles",
                "/api/v1/servers/" + server + "/invites", "/api/v1/servers/" + server + "/audit-log",
                "/api/v1/servers/" + server + "/members/" + a.idString())) {
            Api.Response r = api().get(c.token(), path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.code()).as(path).isEqualTo("UNKNOWN_SERVER");
        }
        assertThat(api().get(c.token(), "/api/v1/channels/" + lobby).code()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(api().post(c.token(), "/api/v1/servers/" + server + "/channels",
                Map.of("channel_name", "x", "channel_type", "text")).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(api().delete(c.token(), "/api/v1/servers/" + server).status()).isEqualTo(404);

        // B cannot delete the server
        Api.Response delete = api().delete(b.token(), "/api/v1/servers/" + server);
        assertThat(delete.status()).isEqualTo(403);

        // A kicks B: B now gets 404 for the server and its channels
        assertThat(api().delete(a.token(), "/api/v1/servers/" + server + "/members/" + b.idString()).status())
                .isEqualTo(204);
        assertThat(api().get(b.token(), "/api/v1/servers/" + server).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(api().get(b.token(), "/api/v1/channels/" + lobby).code()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(api().get(b.token(), "/api/v1/users/@me/servers").json().findValuesAsString("server_id"))
                .doesNotContain(server);

        // and the audit log shows what A did
        JsonNode entries = api().get(a.token(), "/api/v1/servers/" + server + "/audit-log").json()
                .path("audit_log_entries");
        assertThat(entries.findValuesAsString("action_type")).contains("CHANNEL_CREATE", "ROLE_CREATE",
                "CHANNEL_OVERWRITE_CREATE", "MEMBER_ROLE_UPDATE", "MEMBER_KICK", "INVITE_CREATE");
        assertThat(entries.get(0).path("action_type").asString()).isEqualTo("MEMBER_KICK");
        assertThat(entries.get(0).path("user_id").asString()).isEqualTo(a.idString());
        assertThat(entries.get(0).path("target_id").asString()).isEqualTo(b.idString());
    }

    @Test
    void roleHierarchyBindsModerators() {
        User owner = newUser("h-owner");
        User mod = newUser("h-mod");
        User plain = newUser("h-plain");
        String server = createServer(owner, "Hierarchy");
        String mods = createRole(owner, server, Map.of("name", "mods", "permissions",
                Permission.format(Permission.of(Permission.MANAGE_ROLES, Permission.KICK_MEMBERS,
                        Permission.MANAGE_CHANNELS))));
        String admins = createRole(owner, server, Map.of("name", "admins"));
        // admins above mods
        Api.Response reordered = api().patch(owner.token(), "/api/v1/servers/" + server + "/roles",
                List.of(Map.of("id", admins, "position", 2), Map.of("id", mods, "position", 1)));
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        joinServer(owner, mod, server);
        joinServer(owner, plain, server);
        api().put(owner.token(), "/api/v1/servers/" + server + "/members/" + mod.idString() + "/roles/" + mods, null);

        // the mod cannot edit a role above theirs, nor their own
        Api.Response editAdmins = api().patch(mod.token(), "/api/v1/servers/" + server + "/roles/" + admins,
                Map.of("name", "pwned"));
        assertThat(editAdmins.status()).isEqualTo(403);
        assertThat(editAdmins.code()).isEqualTo("ROLE_HIERARCHY");
        assertThat(api().patch(mod.token(), "/api/v1/servers/" + server + "/roles/" + mods, Map.of("color", 5)).code())
                .isEqualTo("ROLE_HIERARCHY");
        assertThat(api().delete(mod.token(), "/api/v1/servers/" + server + "/roles/" + admins).code())
                .isEqualTo("ROLE_HIERARCHY");
        // nor assign it to anyone
        assertThat(api().put(mod.token(), "/api/v1/servers/" + server + "/members/" + mod.idString() + "/roles/"
                + admins, null).code()).isEqualTo("ROLE_HIERARCHY");
        // a new role lands below the mod, who can edit it but not grant what they lack
        String helpers = createRole(mod, server, Map.of("name", "helpers", "permissions", "0"));
        assertThat(api().patch(mod.token(), "/api/v1/servers/" + server + "/roles/" + helpers,
                Map.of("permissions", Permission.format(Permission.KICK_MEMBERS.bit()))).status()).isEqualTo(200);
        Api.Response escalate = api().patch(mod.token(), "/api/v1/servers/" + server + "/roles/" + helpers,
                Map.of("permissions", Permission.format(Permission.ADMINISTRATOR.bit())));
        assertThat(escalate.status()).isEqualTo(403);
        assertThat(escalate.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().post(mod.token(), "/api/v1/servers/" + server + "/roles",
                Map.of("name", "x", "permissions", Permission.format(Permission.BAN_MEMBERS.bit()))).code())
                .isEqualTo("MISSING_PERMISSIONS");
        // the mod cannot move a role above themselves
        assertThat(api().patch(mod.token(), "/api/v1/servers/" + server + "/roles",
                List.of(Map.of("id", helpers, "position", 3))).code()).isEqualTo("ROLE_HIERARCHY");
        // roles keep positions 0..n-1 with @everyone at 0
        JsonNode roles = api().get(owner.token(), "/api/v1/servers/" + server + "/roles").json();
        assertThat(roles.findValuesAsString("name")).containsExactly("@everyone", "helpers", "mods", "admins");
        for (int i = 0; i < roles.size(); i++) {
            assertThat(roles.get(i).path("position").asInt()).isEqualTo(i);
        }
        // kicking: the mod can kick a plain member but not the owner
        assertThat(api().delete(mod.token(), "/api/v1/servers/" + server + "/members/" + owner.idString()).code())
                .isEqualTo("ROLE_HIERARCHY");
        assertThat(api().delete(mod.token(), "/api/v1/servers/" + server + "/members/" + plain.idString()).status())
                .isEqualTo(204);
        // @everyone can be edited by a ranked mod but never deleted
        assertThat(api().delete(owner.token(), "/api/v1/servers/" + server + "/roles/" + server).code())
                .isEqualTo("VALIDATION_FAILED");
        // a member without MANAGE_ROLES cannot even try
        User nobody = newUser("h-nobody");
        joinServer(owner, nobody, server);
        assertThat(api().post(nobody.token(), "/api/v1/servers/" + server + "/roles", Map.of()).code())
                .isEqualTo("MISSING_PERMISSIONS");
        // deleting a role takes it from its members and keeps positions dense
        assertThat(api().delete(owner.token(), "/api/v1/servers/" + server + "/roles/" + mods).status()).isEqualTo(204);
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/members/" + mod.idString()).json()
                .path("roles")).isEmpty();
        JsonNode after = api().get(owner.token(), "/api/v1/servers/" + server + "/roles").json();
        assertThat(after.findValuesAsString("name")).containsExactly("@everyone", "helpers", "admins");
        assertThat(after.get(2).path("position").asInt()).isEqualTo(2);
    }

    /** Issue 14, finding 7: the answer to a no-op role change must not reveal whether the member holds the role. */
    @Test
    void roleChangesNeedPermissionEvenWhenNothingWouldChange() {
        User owner = newUser("n-owner");
        User nobody = newUser("n-nobody");
        User target = newUser("n-target");
        String server = createServer(owner, "No-op roles");
        String mods = createRole(owner, server, Map.of("name", "mods", "permissions", "0"));
        joinServer(owner, nobody, server);
        joinServer(owner, target, server);
        String path = "/api/v1/servers/" + server + "/members/" + target.idString() + "/roles/" + mods;

        // the target does not hold the role: removing it would change nothing, and is still refused
        Api.Response removeAbsent = api().delete(nobody.token(), path);
        assertThat(removeAbsent.status()).as(removeAbsent.toString()).isEqualTo(403);
        assertThat(removeAbsent.code()).isEqualTo("MISSING_PERMISSIONS");
        // once the target holds it, adding it again is refused the same way, and so is removing it
        assertThat(api().put(owner.token(), path, null).status()).isEqualTo(204);
        Api.Response addPresent = api().put(nobody.token(), path, null);
        assertThat(addPresent.status()).isEqualTo(403);
        assertThat(addPresent.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().delete(nobody.token(), path).code()).isEqualTo("MISSING_PERMISSIONS");
        // a user who is not a member answers the same 403 to someone who may not manage roles at all
        User stranger = newUser("n-stranger");
        assertThat(api().delete(nobody.token(), "/api/v1/servers/" + server + "/members/" + stranger.idString()
                + "/roles/" + mods).code()).isEqualTo("MISSING_PERMISSIONS");
        // the owner's no-ops still succeed
        assertThat(api().put(owner.token(), path, null).status()).isEqualTo(204);
        assertThat(api().delete(owner.token(), path).status()).isEqualTo(204);
        assertThat(api().delete(owner.token(), path).status()).isEqualTo(204);
    }

    @Test
    void overwritesCannotGrantWhatYouLack() {
        User owner = newUser("o-owner");
        User mod = newUser("o-mod");
        String server = createServer(owner, "Overwrites");
        String mods = createRole(owner, server, Map.of("name", "mods", "permissions",
                Permission.format(Permission.MANAGE_ROLES.bit())));
        joinServer(owner, mod, server);
        api().put(owner.token(), "/api/v1/servers/" + server + "/members/" + mod.idString() + "/roles/" + mods, null);
        String channel = generalChannel(owner, server);
        String base = "/api/v1/channels/" + channel + "/permissions/" + server;
        Api.Response denied = api().put(mod.token(), base, Map.of("type", "role", "deny",
                Permission.format(Permission.SEND_MESSAGES.bit())));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(204);
        assertThat(api().put(mod.token(), base, Map.of("type", "role", "allow",
                Permission.format(Permission.BAN_MEMBERS.bit()))).code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().put(mod.token(), base, Map.of("type", "role", "allow", "1024", "deny", "1024")).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api().put(mod.token(), base, Map.of("type", "bogus")).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api().put(mod.token(), "/api/v1/channels/" + channel + "/permissions/999",
                Map.of("type", "member")).code()).isEqualTo("UNKNOWN_MEMBER");
        assertThat(api().delete(mod.token(), base).status()).isEqualTo(204);
        assertThat(api().get(owner.token(), "/api/v1/channels/" + channel).json().path("permission_overwrites"))
                .isEmpty();
        // deleting it again names what is missing instead of a silent 204
        Api.Response again = api().delete(mod.token(), base);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("UNKNOWN_OVERWRITE");
    }

    @Test
    void channelStructureRules() {
        User owner = newUser("c-owner");
        User member = newUser("c-member");
        String server = createServer(owner, "Structure");
        String cat1 = createChannel(owner, server, Map.of("channel_name", "One", "channel_type", "category"));
        String cat2 = createChannel(owner, server, Map.of("channel_name", "Two", "channel_type", "category"));
        String text = createChannel(owner, server, Map.of("channel_name", "chat", "channel_type", "text"));
        String video = createChannel(owner, server, Map.of("channel_name", "Cams", "channel_type", "video",
                "position", 7));
        assertThat(api().get(owner.token(), "/api/v1/channels/" + video).json().path("position").asInt()).isEqualTo(7);

        // a category has no parent; a parent must be a category of the same server
        assertThat(api().patch(owner.token(), "/api/v1/channels/" + cat1, Map.of("parent_id", cat2)).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api().patch(owner.token(), "/api/v1/channels/" + text, Map.of("parent_id", video)).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api().post(owner.token(), "/api/v1/servers/" + server + "/channels", Map.of("channel_name", "x",
                "channel_type", "category", "parent_id", cat1)).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api().post(owner.token(), "/api/v1/servers/" + server + "/channels", Map.of("channel_name", "x",
                "channel_type", "stage")).code()).isEqualTo("INVALID_CHANNEL_TYPE");
        assertThat(api().post(owner.token(), "/api/v1/servers/" + server + "/channels", Map.of("channel_name",
                "x".repeat(101), "channel_type", "text")).code()).isEqualTo("VALIDATION_FAILED");

        // move into a category, rename, then out again with parent_id null
        Api.Response moved = api().patch(owner.token(), "/api/v1/channels/" + text,
                Map.of("parent_id", cat1, "channel_name", "Main Chat"));
        assertThat(moved.get("parent_id")).isEqualTo(cat1);
        assertThat(moved.get("channel_name")).isEqualTo("main-chat");
        Api.Response positionOnly = api().patch(owner.token(), "/api/v1/channels/" + text, Map.of("position", 3));
        assertThat(positionOnly.get("parent_id")).isEqualTo(cat1);
        assertThat(api().patch(owner.token(), "/api/v1/channels/" + text, "{\"parent_id\":null}").json()
                .path("parent_id").isNull()).isTrue();

        // bulk reorder
        Api.Response bulk = api().patch(owner.token(), "/api/v1/servers/" + server + "/channels",
                List.of(Map.of("id", text, "position", 0, "parent_id", cat2), Map.of("id", video, "position", 1)));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertThat(api().get(owner.token(), "/api/v1/channels/" + text).get("parent_id")).isEqualTo(cat2);
        assertThat(api().patch(owner.token(), "/api/v1/servers/" + server + "/channels",
                List.of(Map.of("id", text))).code()).isEqualTo("VALIDATION_FAILED");

        // members without MANAGE_CHANNELS cannot change anything
        joinServer(owner, member, server);
        assertThat(api().patch(member.token(), "/api/v1/channels/" + text, Map.of("position", 1)).code())
                .isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().delete(member.token(), "/api/v1/channels/" + text).code()).isEqualTo("MISSING_PERMISSIONS");

        // deleting a category frees its children
        assertThat(api().delete(owner.token(), "/api/v1/channels/" + cat2).status()).isEqualTo(204);
        assertThat(api().get(owner.token(), "/api/v1/channels/" + cat2).code()).isEqualTo("UNKNOWN_CHANNEL");
        Api.Response freed = api().get(owner.token(), "/api/v1/channels/" + text);
        assertThat(freed.json().path("parent_id").isNull()).as(freed.toString()).isTrue();
    }

    @Test
    void membersPageNicknamesAndLeave() {
        User owner = newUser("m-owner");
        String server = createServer(owner, "Members");
        List<User> users = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User u = newUser("m-user" + i);
            joinServer(owner, u, server);
            users.add(u);
        }
        JsonNode first = api().get(owner.token(), "/api/v1/servers/" + server + "/members?limit=4").json();
        assertThat(first).hasSize(4);
        String last = first.get(3).path("user_id").asString();
        JsonNode second = api().get(owner.token(), "/api/v1/servers/" + server + "/members?limit=4&after=" + last)
                .json();
        assertThat(second).hasSize(2);
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/members?limit=1000").json()).hasSize(6);

        User u0 = users.get(0);
        Api.Response nick = api().patch(u0.token(), "/api/v1/servers/" + server + "/members/@me",
                Map.of("nick", "Zero"));
        assertThat(nick.status()).as(nick.toString()).isEqualTo(200);
        assertThat(nick.get("nick")).isEqualTo("Zero");
        assertThat(api().patch(u0.token(), "/api/v1/servers/" + server + "/members/" + users.get(1).idString(),
                Map.of("nick", "One")).code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().patch(owner.token(), "/api/v1/servers/" + server + "/members/" + u0.idString(),
                "{\"nick\":null}").json().path("nick").isNull()).isTrue();
        assertThat(api().patch(u0.token(), "/api/v1/servers/" + server + "/members/@me",
                Map.of("nick", "x".repeat(33))).code()).isEqualTo("VALIDATION_FAILED");

        assertThat(api().delete(u0.token(), "/api/v1/servers/" + server + "/members/@me").status()).isEqualTo(204);
        assertThat(api().get(u0.token(), "/api/v1/servers/" + server).status()).isEqualTo(404);
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/members/" + u0.idString()).code())
                .isEqualTo("UNKNOWN_MEMBER");
    }

    @Test
    void auditLogPagesFiltersAndNeedsPermission() {
        User owner = newUser("al-owner");
        User member = newUser("al-member");
        String server = createServer(owner, "Audited");
        for (int i = 0; i < 3; i++) {
            createChannel(owner, server, Map.of("channel_name", "c" + i, "channel_type", "text"));
        }
        Api.Response renamed = api().send("PATCH", owner.token(), "/api/v1/servers/" + server,
                Map.of("server_name", "Audited 2"), Map.of("X-Audit-Log-Reason", "new%20name"));
        assertThat(renamed.status()).isEqualTo(200);
        joinServer(owner, member, server);

        String base = "/api/v1/servers/" + server + "/audit-log";
        JsonNode all = api().get(owner.token(), base).json().path("audit_log_entries");
        JsonNode update = all.findParents("action_type").stream()
                .filter(e -> e.path("action_type").asString().equals("SERVER_UPDATE")).findFirst().orElseThrow();
        assertThat(update.path("reason").asString()).isEqualTo("new name");
        assertThat(update.path("before").path("server_name").asString()).isEqualTo("Audited");
        assertThat(update.path("after").path("server_name").asString()).isEqualTo("Audited 2");

        JsonNode created = api().get(owner.token(), base + "?action_type=CHANNEL_CREATE&limit=2").json()
                .path("audit_log_entries");
        assertThat(created).hasSize(2);
        String oldest = created.get(1).path("id").asString();
        JsonNode older = api().get(owner.token(), base + "?action_type=CHANNEL_CREATE&before=" + oldest).json()
                .path("audit_log_entries");
        assertThat(older).hasSize(1);
        assertThat(older.get(0).path("after").path("channel_name").asString()).isEqualTo("c0");
        assertThat(api().get(owner.token(), base + "?user_id=" + member.idString()).json().path("audit_log_entries"))
                .isEmpty();
        assertThat(api().get(owner.token(), base + "?action_type=NOPE").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api().get(member.token(), base).code()).isEqualTo("MISSING_PERMISSIONS");
    }
}
