package dev.guildhall.server.access;

import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's cross-tenant matrix (ADR 217): a bad body sent by someone who may not use a route is answered as a
 * good one would be — 404 to an outsider, 403 to a member without the permission — so it cannot tell whether
 * the server or channel exists; the body is judged only for a caller who may act.
 */
class AccessBeforeBodyTest extends IntegrationTest {

    @Test
    void aNewRolesBodyIsCheckedOnlyForSomeoneWhoMayManageRoles() {
        User owner = newUser("ab-owner");
        User member = newUser("ab-member");
        User outsider = newUser("ab-outsider");
        String server = createServer(owner, "Access first");
        joinServer(owner, member, server);
        String path = "/api/v1/servers/" + server + "/roles";
        Map<String, Object> bad = Map.of("name", "", "color", -1);

        Api.Response asOutsider = api().post(outsider.token(), path, bad);
        assertThat(asOutsider.status()).as(asOutsider.toString()).isEqualTo(404);
        assertThat(asOutsider.code()).isEqualTo("UNKNOWN_SERVER");
        Api.Response asMember = api().post(member.token(), path, bad);
        assertThat(asMember.status()).as(asMember.toString()).isEqualTo(403);
        assertThat(asMember.code()).isEqualTo("MISSING_PERMISSIONS");
        Api.Response asOwner = api().post(owner.token(), path, bad);
        assertThat(asOwner.status()).as(asOwner.toString()).isEqualTo(400);
        assertThat(asOwner.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(asOwner.json().path("errors").has("name")).as(asOwner.toString()).isTrue();
    }

    @Test
    void aNewInvitesBodyIsCheckedOnlyForSomeoneWhoSeesTheChannel() {
        User owner = newUser("ai-owner");
        User outsider = newUser("ai-outsider");
        String server = createServer(owner, "Invite first");
        String channel = generalChannel(owner, server);
        String path = "/api/v1/channels/" + channel + "/invites";
        Map<String, Object> bad = Map.of("max_age", -1, "max_uses", 1000);

        Api.Response asOutsider = api().post(outsider.token(), path, bad);
        assertThat(asOutsider.status()).as(asOutsider.toString()).isEqualTo(404);
        assertThat(asOutsider.code()).isEqualTo("UNKNOWN_CHANNEL");
        Api.Response asOwner = api().post(owner.token(), path, bad);
        assertThat(asOwner.status()).as(asOwner.toString()).isEqualTo(400);
        assertThat(asOwner.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(asOwner.json().path("errors").has("max_age")).as(asOwner.toString()).isTrue();
    }
}
