package dev.guildhall.server.server;

import dev.guildhall.server.support.Api;
import dev.guildhall.server.support.FakeMediaService;
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
    }
}
