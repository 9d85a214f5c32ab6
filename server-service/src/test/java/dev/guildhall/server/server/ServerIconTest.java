package dev.guildhall.server.server;

import dev.guildhall.server.support.Api;
import dev.guildhall.support.testing.FakeMediaService;
import dev.guildhall.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code PATCH /servers/{id} {icon_upload_id}} (ADR 195): the claim at message-service, after the permission check. */
class ServerIconTest extends IntegrationTest {

    @Test
    void anIconUploadBecomesTheIconUrl() {
        User owner = newUser("iconowner");
        User other = newUser("iconmember");
        String serverId = createServer(owner, "Icons");
        joinServer(owner, other, serverId);
        FakeMediaService media = FakeMediaService.get();
        media.knowUpload("7001", owner.id(), "icon");
        media.knowUpload("7002", other.id(), "icon");

        // a member without MANAGE_SERVER: refused before message-service is asked
        Api.Response refused = api().patch(other.token(), "/api/v1/servers/" + serverId, Map.of("icon_upload_id", "7002"));
        assertThat(refused.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(media.claims()).doesNotContain("7002");

        Api.Response set = api().patch(owner.token(), "/api/v1/servers/" + serverId, Map.of("icon_upload_id", "7001"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.get("icon_url")).isEqualTo(FakeMediaService.url("7001", 256));
        assertThat(api().get(owner.token(), "/api/v1/servers/" + serverId).get("icon_url"))
                .isEqualTo(FakeMediaService.url("7001", 256));

        // an upload of someone else, or none at all: a 400 problem naming the field
        Api.Response foreign = api().patch(owner.token(), "/api/v1/servers/" + serverId, Map.of("icon_upload_id", "7002"));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api().patch(owner.token(), "/api/v1/servers/" + serverId, Map.of("icon_upload_id", "x")).status())
                .isEqualTo(400);
        assertThat(api().get(owner.token(), "/api/v1/servers/" + serverId).get("icon_url"))
                .isEqualTo(FakeMediaService.url("7001", 256));
        assertThat(media.released()).doesNotContain(FakeMediaService.url("7001", 256));

        // removing the icon releases its crops once the change committed (ADR 234)
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("icon_url", null);
        assertThat(api().patch(owner.token(), "/api/v1/servers/" + serverId, clear).status()).isEqualTo(200);
        assertThat(media.released()).contains(FakeMediaService.url("7001", 256));
    }

    @Test
    void aChannelPatchOfAnIdNoServerHasIsForwardedAsAGroupDmChange() {
        User owner = newUser("gdmforward");
        String serverId = createServer(owner, "Forwarding");
        FakeMediaService media = FakeMediaService.get();
        media.knowGroupDm("424242");

        Api.Response renamed = api().patch(owner.token(), "/api/v1/channels/424242", Map.of("name", "Trip"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.get("name")).isEqualTo("Trip");
        // message-service's problem comes back as it was
        Api.Response unknown = api().patch(owner.token(), "/api/v1/channels/434343", Map.of("name", "Trip"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_CHANNEL");
        // a malformed body: whoever is not a recipient learns nothing from it (404 as for any change), a recipient
        // learns what was wrong (ADR 250)
        Api.Response strangers = api().patch(owner.token(), "/api/v1/channels/434343", "{\"name\": ");
        assertThat(strangers.status()).as(strangers.toString()).isEqualTo(404);
        assertThat(strangers.code()).isEqualTo("UNKNOWN_CHANNEL");
        Api.Response recipients = api().patch(owner.token(), "/api/v1/channels/424242", "{\"name\": ");
        assertThat(recipients.status()).as(recipients.toString()).isEqualTo(400);
        assertThat(recipients.code()).isEqualTo("MALFORMED_JSON");
        // a server channel has no "name" of that kind
        String general = api().get(owner.token(), "/api/v1/servers/" + serverId + "/channels").json().get(0)
                .path("channel_id").asString();
        Api.Response refused = api().patch(owner.token(), "/api/v1/channels/" + general, Map.of("name", "x"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
    }
}
