package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom command end to end (issue 10): the owner creates {@code !rules} through the gateway; a member sends
 * {@code !rules}; bot-service reads the MESSAGE_CREATE from Kafka and the server's system bot answers through
 * message-service, so the answer is in the channel's history for everyone.
 */
class AutoResponseScenarioTest {

    @Test
    void aMemberAsksForTheRulesAndTheSystemBotAnswers() throws InterruptedException {
        Api api = Scenario.api();
        User owner = Scenario.register(api, "owner");
        User member = Scenario.register(api, "member");
        Server server = Scenario.server(api, owner, member);

        Response created = api.post("/api/v1/servers/" + server.id() + "/auto-responses", owner.token(),
                map("name", "Rules", "trigger", Map.of("type", "prefix_command", "value", "!rules"),
                        "response", Map.of("content", "{user}, the rules: {args} be kind.")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("auto_response_id")).isNotBlank();
        // a member without MANAGE_SERVER cannot see or change them
        assertThat(api.get("/api/v1/servers/" + server.id() + "/auto-responses", member.token()).status())
                .isEqualTo(403);

        String word = Scenario.uniqueWord("please");
        Response asked = Scenario.send(api, member, server.general(), "!rules " + word);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);

        String expected = "<@" + member.id() + ">, the rules: " + word + " be kind.";
        String messages = "/api/v1/channels/" + server.general() + "/messages";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode answer = null;
        while (answer == null && Instant.now().isBefore(deadline)) {
            for (JsonNode message : api.get(messages, member.token()).body()) {
                if (expected.equals(message.path("content").asString())) {
                    answer = message;
                }
            }
            if (answer == null) {
                Thread.sleep(200);
            }
        }
        assertThat(answer).as("the system bot's answer in the history").isNotNull();
        assertThat(answer.path("user_id").asString()).isNotEqualTo(member.id()).isNotEqualTo(owner.id());
        assertThat(answer.path("author").path("bot").asBoolean()).isTrue();
    }
}
