package dev.guildhall.server.invite;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class InviteAndBanTest extends IntegrationTest {

    @Test
    void inviteObjectAndIdempotentJoin() throws Exception {
        User owner = newUser("i-owner");
        User guest = newUser("i-guest");
        String server = createServer(owner, "Invites");
        String channel = generalChannel(owner, server);
        Api.Response created = api().post(owner.token(), "/api/v1/channels/" + channel + "/invites", null);
        assertThat(created.status()).isEqualTo(201);
        String code = created.get("code");
        assertThat(code).matches("[A-Za-z0-9]{8,10}");
        assertThat(created.get("server_id")).isEqualTo(server);
        assertThat(created.get("channel_id")).isEqualTo(channel);
        assertThat(created.get("inviter_id")).isEqualTo(owner.idString());
        assertThat(created.json().path("max_age").asInt()).isEqualTo(86_400);
        assertThat(created.json().path("max_uses").asInt()).isZero();
        assertThat(created.json().path("uses").asInt()).isZero();
        assertThat(created.get("expires_at")).isNotBlank();
        assertThat(count(GLOBAL_DB, "SELECT COUNT(*) FROM invite_directory WHERE code = ?", code)).isEqualTo(1);

        Api.Response joined = api().post(guest.token(), "/api/v1/invites/" + code, null);
        assertThat(joined.get("server_id")).isEqualTo(server);
        Api.Response again = api().post(guest.token(), "/api/v1/invites/" + code, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.get("server_id")).isEqualTo(server);
        JsonNode listed = api().get(owner.token(), "/api/v1/servers/" + server + "/invites").json();
        assertThat(listed.get(0).path("uses").asInt()).isEqualTo(1);
        assertThat(api().get(guest.token(), "/api/v1/servers/" + server + "/invites").code())
                .isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().get(owner.token(), "/api/v1/invites/" + code).json().path("approximate_member_count").asInt())
                .isEqualTo(2);

        // never-expiring invites; unknown codes
        Api.Response forever = api().post(owner.token(), "/api/v1/channels/" + channel + "/invites",
                Map.of("max_age", 0));
        assertThat(forever.json().path("expires_at").isNull()).isTrue();
        assertThat(api().get(guest.token(), "/api/v1/invites/nope123456").code()).isEqualTo("UNKNOWN_INVITE");
        assertThat(api().post(guest.token(), "/api/v1/invites/bad%20code", null).code()).isEqualTo("UNKNOWN_INVITE");
        assertThat(api().post(owner.token(), "/api/v1/channels/" + channel + "/invites",
                Map.of("max_age", -1)).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void expiredInviteIsRefused() throws Exception {
        User owner = newUser("e-owner");
        User late = newUser("e-late");
        String server = createServer(owner, "Expiring");
        String code = invite(owner, generalChannel(owner, server), Map.of("max_age", 60));
        // move the expiry into the past in the invite's shard
        int changed = update(SHARD_0, "UPDATE invites SET expires_at = '2020-01-01 00:00:00' WHERE code = ?", code)
                + update(SHARD_1, "UPDATE invites SET expires_at = '2020-01-01 00:00:00' WHERE code = ?", code);
        assertThat(changed).isEqualTo(1);
        Api.Response refused = api().post(late.token(), "/api/v1/invites/" + code, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVITE_EXPIRED");
        assertThat(api().get(late.token(), "/api/v1/invites/" + code).code()).isEqualTo("UNKNOWN_INVITE");
        assertThat(api().get(late.token(), "/api/v1/servers/" + server).status()).isEqualTo(404);
        // listed invites leave out the expired one
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/invites").json()).isEmpty();
    }

    @Test
    void usesAreCountedAtomically() throws Exception {
        User owner = newUser("u-owner");
        String server = createServer(owner, "Limited");
        String code = invite(owner, generalChannel(owner, server), Map.of("max_uses", 3));
        List<User> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(newUser("racer" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (User racer : racers) {
                results.add(pool.submit(() -> api().post(racer.token(), "/api/v1/invites/" + code, null)));
            }
            int joined = 0;
            int exhausted = 0;
            for (Future<Api.Response> result : results) {
                Api.Response r = result.get();
                if (r.status() == 200) {
                    joined++;
                } else {
                    assertThat(r.code()).isEqualTo("INVITE_EXHAUSTED");
                    exhausted++;
                }
            }
            assertThat(joined).isEqualTo(3);
            assertThat(exhausted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api().get(owner.token(), "/api/v1/servers/" + server + "/members").json()).hasSize(4);
        assertThat(api().get(owner.token(), "/api/v1/invites/" + code).code()).isEqualTo("UNKNOWN_INVITE");
    }

    @Test
    void bannedUserCannotRejoinUntilUnbanned() {
        User owner = newUser("b-owner");
        User troll = newUser("b-troll");
        User stranger = newUser("b-stranger");
        String server = createServer(owner, "Banning");
        String code = invite(owner, generalChannel(owner, server), Map.of("max_age", 0));
        join(troll, code);

        Api.Response banned = api().put(owner.token(), "/api/v1/servers/" + server + "/bans/" + troll.idString(),
                Map.of("reason", "spam"));
        assertThat(banned.status()).isEqualTo(204);
        assertThat(api().get(troll.token(), "/api/v1/servers/" + server).code()).isEqualTo("UNKNOWN_SERVER");
        Api.Response rejoin = api().post(troll.token(), "/api/v1/invites/" + code, null);
        assertThat(rejoin.status()).isEqualTo(403);
        assertThat(rejoin.code()).isEqualTo("BANNED");
        // a ban also works for someone who never joined
        assertThat(api().put(owner.token(), "/api/v1/servers/" + server + "/bans/" + stranger.idString(), null)
                .status()).isEqualTo(204);
        assertThat(api().post(stranger.token(), "/api/v1/invites/" + code, null).code()).isEqualTo("BANNED");

        JsonNode bans = api().get(owner.token(), "/api/v1/servers/" + server + "/bans").json();
        List<String> bannedIds = new ArrayList<>();
        JsonNode trollBan = null;
        for (JsonNode ban : bans) {
            bannedIds.add(ban.path("user_id").asString());
            if (ban.path("user_id").asString().equals(troll.idString())) {
                trollBan = ban;
            }
        }
        assertThat(bannedIds).containsExactlyInAnyOrder(troll.idString(), stranger.idString());
        assertThat(trollBan).isNotNull();
        assertThat(trollBan.path("reason").asString()).isEqualTo("spam");
        assertThat(trollBan.path("user").path("username").asString()).isEqualTo("b-troll");

        assertThat(api().delete(owner.token(), "/api/v1/servers/" + server + "/bans/" + troll.idString()).status())
                .isEqualTo(204);
        assertThat(api().delete(owner.token(), "/api/v1/servers/" + server + "/bans/" + troll.idString()).code())
                .isEqualTo("UNKNOWN_BAN");
        join(troll, code);
        assertThat(api().get(troll.token(), "/api/v1/servers/" + server).status()).isEqualTo(200);

        // members without BAN_MEMBERS cannot ban or see bans; nobody can ban the owner
        assertThat(api().put(troll.token(), "/api/v1/servers/" + server + "/bans/" + owner.idString(), null).code())
                .isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().get(troll.token(), "/api/v1/servers/" + server + "/bans").code())
                .isEqualTo("MISSING_PERMISSIONS");
        String banners = createRole(owner, server, Map.of("name", "banners", "permissions",
                Permission.format(Permission.BAN_MEMBERS.bit())));
        api().put(owner.token(), "/api/v1/servers/" + server + "/members/" + troll.idString() + "/roles/" + banners,
                null);
        assertThat(api().put(troll.token(), "/api/v1/servers/" + server + "/bans/" + owner.idString(), null).code())
                .isEqualTo("ROLE_HIERARCHY");

        JsonNode audit = api().get(owner.token(), "/api/v1/servers/" + server + "/audit-log").json()
                .path("audit_log_entries");
        assertThat(audit.findValuesAsString("action_type")).contains("MEMBER_BAN_ADD", "MEMBER_BAN_REMOVE");
    }

    @Test
    void invitesAreRevokedByTheirCreatorOrAManager() {
        User owner = newUser("r-owner");
        User member = newUser("r-member");
        User other = newUser("r-other");
        String server = createServer(owner, "Revoking");
        joinServer(owner, member, server);
        joinServer(owner, other, server);
        String channel = generalChannel(owner, server);
        String mine = invite(member, channel, Map.of());
        String owners = invite(owner, channel, Map.of());
        assertThat(api().delete(other.token(), "/api/v1/invites/" + mine).code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api().delete(member.token(), "/api/v1/invites/" + owners).code()).isEqualTo("MISSING_PERMISSIONS");
        Api.Response revoked = api().delete(member.token(), "/api/v1/invites/" + mine);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.get("code")).isEqualTo(mine);
        assertThat(api().delete(owner.token(), "/api/v1/invites/" + owners).status()).isEqualTo(200);
        assertThat(api().post(newUser("r-late").token(), "/api/v1/invites/" + mine, null).code())
                .isEqualTo("UNKNOWN_INVITE");
        // categories cannot be invited to; invites need CREATE_INSTANT_INVITE in the channel
        String category = createChannel(owner, server, Map.of("channel_name", "cat", "channel_type", "category"));
        assertThat(api().post(owner.token(), "/api/v1/channels/" + category + "/invites", null).code())
                .isEqualTo("INVALID_CHANNEL_TYPE");
        api().put(owner.token(), "/api/v1/channels/" + channel + "/permissions/" + server, Map.of("type", "role",
                "deny", Permission.format(Permission.CREATE_INSTANT_INVITE.bit())));
        assertThat(api().post(member.token(), "/api/v1/channels/" + channel + "/invites", null).code())
                .isEqualTo("MISSING_PERMISSIONS");
    }

    @Test
    void activeInvitesAreCappedPerServerWhileExpiredAndUsedUpOnesDoNotCount() throws Exception {
        // issue 14, finding 9 (ADR 209): at most max-invites-per-server (1,000) usable invites per server
        User owner = newUser("cap-owner");
        String server = createServer(owner, "Capped");
        String channel = generalChannel(owner, server);
        String shard = count(SHARD_0, "SELECT COUNT(*) FROM servers WHERE server_id = ?", Long.parseLong(server)) == 1
                ? SHARD_0 : SHARD_1;
        try (Connection c = connect(shard); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO invites (code, server_id, channel_id, inviter_id, max_age, max_uses, uses, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3), ?)""")) {
            for (int i = 0; i < 1_009; i++) {
                boolean expired = i >= 999 && i < 1_004;
                boolean usedUp = i >= 1_004;
                insert.setString(1, "cap" + server.substring(server.length() - 6) + i);
                insert.setLong(2, Long.parseLong(server));
                insert.setLong(3, Long.parseLong(channel));
                insert.setLong(4, owner.id());
                insert.setInt(5, expired ? 60 : 0);
                insert.setInt(6, usedUp ? 1 : 0);
                insert.setInt(7, usedUp ? 1 : 0);
                insert.setTimestamp(8, expired ? Timestamp.from(Instant.now().minusSeconds(3_600)) : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }

        assertThat(api().post(owner.token(), "/api/v1/channels/" + channel + "/invites", null).status())
                .as("the 1,000th active invite").isEqualTo(201);
        Api.Response refused = api().post(owner.token(), "/api/v1/channels/" + channel + "/invites", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("LIMIT_REACHED");
        assertThat(refused.json().path("limit").asInt()).isEqualTo(1_000);
    }
}
