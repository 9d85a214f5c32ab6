package dev.guildhall.auth.user;

import dev.guildhall.support.testing.FakeMediaService;
import dev.guildhall.auth.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code PATCH /users/@me {avatar_upload_id}} (ADR 195): message-service's crops become {@code avatar_url}. */
class AvatarUploadIntegrationTest extends IntegrationTest {

    @Test
    void anAvatarUploadBecomesTheAvatarUrl() {
        JsonNode user = newUser("avatar");
        long userId = Long.parseLong(user.get("user_id").asString());
        String auth = bearer(tokens(user.get("username").asString()).get("access_token").asString());
        FakeMediaService.get().knowUpload("9001", userId, "avatar");
        FakeMediaService.get().knowUpload("9002", userId + 1, "avatar");

        Reply set = call("PATCH", "/api/v1/users/@me", Map.of("avatar_upload_id", "9001"), "Authorization", auth).expect(200);
        assertThat(set.text("avatar_url")).isEqualTo(FakeMediaService.url("9001", 256));
        assertThat(get("/api/v1/users/@me", "Authorization", auth).text("avatar_url"))
                .isEqualTo(FakeMediaService.url("9001", 256));

        // someone else's upload: a 400 problem naming the field, the avatar unchanged
        Reply foreign = call("PATCH", "/api/v1/users/@me", Map.of("avatar_upload_id", "9002"), "Authorization", auth)
                .expect(400);
        assertThat(foreign.text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(foreign.json().path("errors").has("avatar_upload_id")).isTrue();
        assertThat(get("/api/v1/users/@me", "Authorization", auth).text("avatar_url"))
                .isEqualTo(FakeMediaService.url("9001", 256));
        assertThat(FakeMediaService.get().released()).doesNotContain(FakeMediaService.url("9001", 256));

        // a new avatar: the replaced one's crops are released after the change (ADR 234)
        FakeMediaService.get().knowUpload("9003", userId, "avatar");
        call("PATCH", "/api/v1/users/@me", Map.of("avatar_upload_id", "9003"), "Authorization", auth).expect(200);
        assertThat(FakeMediaService.get().released()).contains(FakeMediaService.url("9001", 256));
    }
}
