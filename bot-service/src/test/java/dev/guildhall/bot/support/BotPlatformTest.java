package dev.guildhall.bot.support;

import dev.guildhall.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * bot-service with server-service stood in ({@link FakeServers}) and the real embedded Kafka for bot-events:
 * the base of the command and interaction tests, which share one application context.
 */
public abstract class BotPlatformTest extends IntegrationTest {

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("guildhall.interactions.server-url", () -> FakeServers.get().url());
        registry.add("guildhall.bot.server-url", () -> FakeServers.get().url());
        registry.add("guildhall.bot.message-url", () -> FakeServers.get().url());
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrap());
        // this second application context must not join the auto-response consumer group: it would take partitions
        // of the messages topic from the context AutoResponseEvaluatorIntegrationTest drives (which then waited for 3
        // and got 1 whenever a platform test, such as the fuzz property, ran first)
        registry.add("guildhall.auto-responses.listen", () -> "false");
    }

    /** An application of a new person, with its bot token: {owner, application id, bot user id, "Bot …"}. */
    public record App(String owner, String id, long botUserId, String bot) {
    }

    public App app() {
        String owner = newPerson("cmd");
        JsonNode app = bot("POST", "/api/v1/applications", Map.of("name", "Echo"), "Authorization", owner)
                .expect(201).json();
        String id = app.get("application_id").asString();
        String token = bot("POST", "/api/v1/applications/" + id + "/bot/token", null, "Authorization", owner)
                .expect(200).json().get("token").asString();
        return new App(owner, id, Long.parseLong(app.get("bot").get("user_id").asString()), "Bot " + token);
    }

    public static long userId(String bearer) {
        return Long.parseLong(auth("GET", "/api/v1/users/@me", null, "Authorization", bearer).expect(200).json()
                .get("user_id").asString());
    }

    public static Map<String, Object> echo(String description) {
        return Map.of("name", "echo", "description", description, "options", List.of(
                Map.of("type", 3, "name", "text", "description", "what to say", "required", true)));
    }

}
