package dev.guildhall.server.access;

import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * ADR 250: the routes that take a body read it only after the access check ({@code DeferredBody}), so neither a
     * missing nor a malformed body changes what an outsider or a member without the permission is told.
     */
    @Test
    void noBodyAndAMalformedBodyAreAnsweredAfterTheAccessCheck() {
        User owner = newUser("ad-owner");
        User member = newUser("ad-member");
        User outsider = newUser("ad-outsider");
        String server = createServer(owner, "Access before parsing");
        joinServer(owner, member, server);
        String channel = generalChannel(owner, server);
        String role = api().post(owner.token(), "/api/v1/servers/" + server + "/roles", Map.of("name", "r")).get("role_id");
        List<String[]> routes = List.of(
                new String[] {"PATCH", "/api/v1/servers/" + server},
                new String[] {"POST", "/api/v1/servers/" + server + "/channels"},
                new String[] {"PATCH", "/api/v1/servers/" + server + "/channels"},
                new String[] {"PATCH", "/api/v1/channels/" + channel},
                new String[] {"PUT", "/api/v1/channels/" + channel + "/permissions/" + server},
                new String[] {"PATCH", "/api/v1/servers/" + server + "/members/" + owner.idString()},
                new String[] {"POST", "/api/v1/servers/" + server + "/roles"},
                new String[] {"PATCH", "/api/v1/servers/" + server + "/roles"},
                new String[] {"PATCH", "/api/v1/servers/" + server + "/roles/" + role},
                new String[] {"PUT", "/api/v1/servers/" + server + "/bans/" + owner.idString()});
        List<String> wrong = new ArrayList<>();
        for (String[] route : routes) {
            for (String body : new String[] {null, "{\"a\": [", "[[[[[[1]]]]]]", "{\"name\": 5}"}) {
                expect(wrong, outsider, route, body, 404);
                expect(wrong, member, route, body, 403);
            }
        }
        assertThat(wrong).isEmpty();
        Api.Response malformed = api().send("PATCH", owner.token(), "/api/v1/channels/" + channel, "{\"a\": [", Map.of());
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_JSON");
        Api.Response missing = api().send("POST", owner.token(), "/api/v1/servers/" + server + "/channels", null, Map.of());
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("MALFORMED_JSON");
        Api.Response noBan = api().send("PUT", owner.token(), "/api/v1/servers/" + server + "/bans/" + member.idString(),
                null, Map.of());
        assertThat(noBan.status()).as("a ban's body is optional: " + noBan).isEqualTo(204);
    }

    private void expect(List<String> wrong, User caller, String[] route, String body, int status) {
        Api.Response response = api().send(route[0], caller.token(), route[1], body, Map.of());
        if (response.status() != status || response.code() == null) {
            wrong.add(route[0] + " " + route[1] + " with " + body + " as " + caller.idString() + ": " + response);
        }
    }
}
