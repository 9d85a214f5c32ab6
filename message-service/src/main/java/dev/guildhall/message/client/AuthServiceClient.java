package dev.guildhall.message.client;

import dev.guildhall.message.config.ServiceProperties;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** auth-service's internal API: public profiles of users, in bulk. */
@Component
public class AuthServiceClient {

    static final String DEPENDENCY = "auth-service";
    /** auth-service answers at most this many ids per call. */
    static final int MAX_IDS = 100;

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    public AuthServiceClient(ServiceProperties services, InternalClients clients, ResilientCalls calls,
                             JsonMapper json) {
        this.http = clients.to(services.authUrl(), services.timeout());
        this.calls = calls;
        this.json = json;
    }

    /** {@code GET /internal/users?ids=a,b} → {@code [{user_id, username, avatar_url, bot}]}; unknown ids are absent. */
    public List<UserProfile> users(Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<UserProfile> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX_IDS) {
            String param = all.subList(from, Math.min(all.size(), from + MAX_IDS)).stream()
                    .map(String::valueOf).collect(Collectors.joining(","));
            String body = calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> b.path("/internal/users").queryParam("ids", param).build())
                    .retrieve()
                    .body(String.class));
            for (JsonNode user : json.readTree(body == null ? "[]" : body)) {
                found.add(new UserProfile(Long.parseLong(user.path("user_id").asString()),
                        text(user, "username"), text(user, "avatar_url"), user.path("bot").asBoolean(false)));
            }
        }
        return found;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
