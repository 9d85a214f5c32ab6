package dev.guildhall.server.bot;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.BotTokenProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/** bot-service's {@code GET /internal/applications/{id}}: which bot user an application has, and whose it is. */
@Component
class BotApplications {

    static final String DEPENDENCY = "bot-service";

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    BotApplications(BotTokenProperties bot, InternalClients clients, ResilientCalls calls, JsonMapper json) {
        this.http = clients.to(bot.url(), bot.timeout());
        this.calls = calls;
        this.json = json;
    }

    record Application(long applicationId, long botUserId, String name, long ownerId) {
    }

    /** The application, or empty when bot-service does not know it; 503 when bot-service cannot answer. */
    Optional<Application> find(long applicationId) {
        String body;
        try {
            body = calls.call(DEPENDENCY, () -> http.get()
                    .uri("/internal/applications/{id}", Snowflake.format(applicationId))
                    .retrieve().body(String.class));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode app = json.readTree(body);
        return Optional.of(new Application(Snowflake.parse(app.get("application_id").asString()),
                Snowflake.parse(app.get("bot_user_id").asString()), app.get("name").asString(),
                Snowflake.parse(app.get("owner_id").asString())));
    }
}
