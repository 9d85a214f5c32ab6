package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot end to end (issue 10, first slice): a person creates an application, gets its token and adds the
 * bot to their server; the bot posts through the gateway with {@code Authorization: Bot}; the person reads
 * it; a new token revokes the old one at the gateway and at message-service itself; the bot sees no server
 * it was not added to.
 */
class BotScenarioTest {

    static final long SEND_MESSAGES = 1L << 11;

    @Test
    void aBotAddedToAServerPostsWithItsTokenUntilTheTokenIsReset() throws InterruptedException {
        Api api = Scenario.api();
        User person = Scenario.register(api, "maker");
        Server server = Scenario.server(api, person);

        Response app = api.post("/api/v1/applications", person.token(), map("name", "E2E Helper"));
        assertThat(app.status()).as(app.toString()).isEqualTo(201);
        String applicationId = app.text("application_id");
        String botUserId = app.body().get("bot").get("user_id").asString();
        assertThat(botUserId).isNotEqualTo(applicationId);
        String token = resetToken(api, person, applicationId);

        Response added = api.put("/api/v1/servers/" + server.id() + "/bots/" + applicationId, person.token(),
                map("permissions", Long.toString(Scenario.VIEW_CHANNEL | SEND_MESSAGES)));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);

        // message-service learns of the new member from server-service: allow it a moment
        String messages = "/api/v1/channels/" + server.general() + "/messages";
        String content = "beep from " + Scenario.uniqueWord("bot");
        Response sent = eventually(() -> api.asBot("POST", messages, token, map("content", content)),
                r -> r.status() == 200, Duration.ofSeconds(20));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.text("user_id")).isEqualTo(botUserId);

        Response history = api.get(messages, person.token());
        assertThat(history.status()).isEqualTo(200);
        boolean found = false;
        for (JsonNode message : history.body()) {
            if (content.equals(message.path("content").asString())) {
                found = true;
                assertThat(message.path("user_id").asString()).isEqualTo(botUserId);
            }
        }
        assertThat(found).as("the person reads the bot's message in %s", history).isTrue();

        // the bot sees only servers it was added to
        User stranger = Scenario.register(api, "stranger");
        Server elsewhere = Scenario.server(api, stranger);
        assertThat(api.asBot("GET", "/api/v1/servers/" + elsewhere.id(), token, null).status()).isEqualTo(404);
        assertThat(api.asBot("GET", "/api/v1/channels/" + elsewhere.general() + "/messages", token, null).status())
                .isEqualTo(404);

        // a new token revokes the old one within 5 s, at the edge and at the owning service
        String newToken = resetToken(api, person, applicationId);
        Api messageService = new Api(E2eFleet.get().url("message-service"));
        Response atGateway = eventually(() -> api.asBot("GET", messages, token, null),
                r -> r.status() != 200, Duration.ofSeconds(8));
        assertThat(atGateway.status()).as(atGateway.toString()).isEqualTo(401);
        assertThat(atGateway.text("code")).isEqualTo("INVALID_TOKEN");
        Response atService = eventually(() -> messageService.asBot("GET", messages, token, null),
                r -> r.status() != 200, Duration.ofSeconds(8));
        assertThat(atService.status()).as(atService.toString()).isEqualTo(401);
        assertThat(atService.text("code")).isEqualTo("INVALID_TOKEN");
        assertThat(api.asBot("GET", messages, newToken, null).status()).isEqualTo(200);
        assertThat(messageService.asBot("GET", messages, "forged." + newToken, null).status()).isEqualTo(401);
    }

    private static String resetToken(Api api, User owner, String applicationId) {
        Response reset = api.post("/api/v1/applications/" + applicationId + "/bot/token", owner.token(), null);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        return reset.text("token");
    }

    private static Response eventually(Supplier<Response> call, java.util.function.Predicate<Response> done,
                                       Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        Response response = call.get();
        while (!done.test(response) && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = call.get();
        }
        return response;
    }
}
