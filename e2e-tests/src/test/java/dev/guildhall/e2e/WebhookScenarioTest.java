package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook end to end (issue 10, second slice): the server's owner creates one; a script with nothing but
 * its url posts through the gateway, with and without {@code ?wait=true}, under another name and with an
 * embed; members read both in history as the webhook's; a wrong token and a missing webhook are the same
 * 401; a member without MANAGE_WEBHOOKS gets 403 and a stranger 404.
 */
class WebhookScenarioTest {

    @Test
    void aScriptPostsThroughAWebhookAndMembersReadItAsTheWebhooks() {
        Api api = Scenario.api();
        User owner = Scenario.register(api, "hookowner");
        User member = Scenario.register(api, "hookmember");
        User stranger = Scenario.register(api, "hookstranger");
        Server server = Scenario.server(api, owner, member);
        String webhooks = "/api/v1/channels/" + server.general() + "/webhooks";

        Response created = api.post(webhooks, owner.token(), map("name", "CI"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("webhook_id");
        String token = created.text("token");
        assertThat(created.text("server_id")).isEqualTo(server.id());
        String execute = "/api/v1/webhooks/" + id + "/" + token;

        Response quiet = api.post(execute, null, map("content", "build 42 passed"));
        assertThat(quiet.status()).as(quiet.toString()).isEqualTo(204);
        Response waited = api.post(execute + "?wait=true", null, map("username", "Release Bot",
                "embeds", List.of(map("title", "v1.2 released", "color", 5763719))));
        assertThat(waited.status()).as(waited.toString()).isEqualTo(200);
        assertThat(waited.text("webhook_id")).isEqualTo(id);
        assertThat(waited.body().get("author").get("username").asString()).isEqualTo("Release Bot");
        assertThat(waited.body().get("author").get("bot").asBoolean()).isTrue();

        Response history = api.get("/api/v1/channels/" + server.general() + "/messages", member.token());
        assertThat(history.status()).isEqualTo(200);
        JsonNode newest = history.body().get(0);
        JsonNode before = history.body().get(1);
        assertThat(newest.path("webhook_id").asString()).isEqualTo(id);
        assertThat(newest.path("author").path("username").asString()).isEqualTo("Release Bot");
        assertThat(newest.path("embeds").get(0).path("title").asString()).isEqualTo("v1.2 released");
        assertThat(before.path("webhook_id").asString()).isEqualTo(id);
        assertThat(before.path("user_id").asString()).isEqualTo(id);
        assertThat(before.path("author").path("username").asString()).isEqualTo("CI");
        assertThat(before.path("content").asString()).isEqualTo("build 42 passed");

        Response wrong = api.post("/api/v1/webhooks/" + id + "/not-the-token", null, map("content", "x"));
        Response missing = api.post("/api/v1/webhooks/4242424242/" + token, null, map("content", "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("code")).isEqualTo(wrong.text("code")).isEqualTo("INVALID_TOKEN");

        assertThat(api.post(webhooks, member.token(), map("name", "Mine")).status()).isEqualTo(403);
        assertThat(api.get(webhooks, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/servers/" + server.id() + "/webhooks", owner.token()).body()).hasSize(1);
    }
}
