package dev.guildhall.bot.discord;

import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the owners' v1 APIs <em>as the caller</em>: the bot's (or person's) own {@code Authorization}
 * header goes along, so the owner verifies it again and applies its own permission, validation and
 * rate-limit rules (ADR 177). A 4xx comes back as {@link Refused} with the owner's problem body and
 * rate-limit headers; an owner that cannot be reached is 503 through {@link ResilientCalls}.
 */
@Component
public class OwnerCalls {

    /** resilience4j instance names (application.yml); writes are never repeated. */
    static final String SERVER = "discord-server-service";
    static final String MESSAGE = "discord-message-service";
    /** A multipart send, streamed: its own, longer time limit. */
    static final String UPLOAD = "discord-message-uploads";

    private static final List<String> PASSED_HEADERS = List.of(RateLimitHeaders.LIMIT, RateLimitHeaders.REMAINING,
            RateLimitHeaders.RESET, RateLimitHeaders.RESET_AFTER, RateLimitHeaders.BUCKET, RateLimitHeaders.GLOBAL,
            RateLimitHeaders.SCOPE, RateLimitHeaders.RETRY_AFTER);

    private final RestClient server;
    private final RestClient message;
    private final RestClient uploads;
    private final ResilientCalls calls;
    private final JsonMapper json;

    OwnerCalls(DiscordProperties properties, ResilientCalls calls, JsonMapper json) {
        this.server = client(properties.serverUrl(), properties.callTimeout());
        this.message = client(properties.messageUrl(), properties.callTimeout());
        this.uploads = client(properties.messageUrl(), properties.uploadTimeout());
        this.calls = calls;
        this.json = json;
    }

    /** An owner's answer: its body (NullNode for 204) and the rate-limit headers it set. */
    public record Answer(JsonNode body, Map<String, String> headers) {
    }

    /** A 4xx from an owner, with its problem body (may be a NullNode). */
    public static final class Refused extends ClientErrorException {
        private final JsonNode problem;
        private final Map<String, String> headers;

        Refused(int status, JsonNode problem, Map<String, String> headers) {
            super(status, "owner answered " + status);
            this.problem = problem;
            this.headers = headers;
        }

        public JsonNode problem() {
            return problem;
        }

        public Map<String, String> headers() {
            return headers;
        }

        /** The owner's stable error code ({@code code} of its problem), or "". */
        public String ownerCode() {
            return problem.path("code").asString("");
        }
    }

    /** {@code vars} fill the template's {@code {...}} and are encoded in full (an emoji, an id). */
    public Answer server(HttpMethod method, String authorization, Object body, String path, Object... vars) {
        return call(SERVER, server, method, authorization, body, path, vars);
    }

    public Answer message(HttpMethod method, String authorization, Object body, String path, Object... vars) {
        return call(MESSAGE, message, method, authorization, body, path, vars);
    }

    /**
     * A streamed body to message-service ({@code body} writes it as it is read, never held whole), under the
     * upload time limit; never repeated.
     */
    public Answer messageStream(String authorization, MediaType contentType, StreamingHttpOutputMessage.Body body,
                                String path, Object... vars) {
        return calls.call(UPLOAD, () -> exchange(uploads.post().uri(path, vars)
                .header(HttpHeaders.AUTHORIZATION, authorization).contentType(contentType).body(body),
                HttpMethod.POST, path));
    }

    private Answer call(String dependency, RestClient http, HttpMethod method, String authorization, Object body,
                        String path, Object[] vars) {
        return calls.call(dependency, () -> {
            RestClient.RequestBodySpec spec = http.method(method).uri(path, vars)
                    .header(HttpHeaders.AUTHORIZATION, authorization);
            if (body != null) {
                spec.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
            return exchange(spec, method, path);
        });
    }

    private Answer exchange(RestClient.RequestBodySpec spec, HttpMethod method, String path) {
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode tree = bytes.length == 0 ? NullNode.getInstance()
                    : json.readTree(new String(bytes, StandardCharsets.UTF_8));
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : PASSED_HEADERS) {
                String value = response.getHeaders().getFirst(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            HttpStatusCode status = response.getStatusCode();
            if (status.is4xxClientError()) {
                throw new Refused(status.value(), tree, headers);
            }
            if (status.isError()) {
                throw new IllegalStateException(method + " " + path + " answered " + status.value());
            }
            return new Answer(tree, headers);
        });
    }

    private static RestClient client(String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
    }
}
