package dev.guildhall.support.media;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * The one client of message-service's avatar and icon uploads (ADR 195, 234), for auth-service (avatars) and
 * server-service (server icons): claim an upload named by a PATCH, and release the crops of the image it
 * replaced once that PATCH committed. The resilience4j instance is {@link #DEPENDENCY}.
 */
public class ImageUploadsClient {

    public static final String DEPENDENCY = "message-service";
    private static final Logger log = LoggerFactory.getLogger(ImageUploadsClient.class);

    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    public ImageUploadsClient(ImageUploadsProperties properties, InternalClients clients, ResilientCalls calls, JsonMapper json) {
        this.http = clients.to(properties.url(), properties.timeout());
        this.calls = calls;
        this.json = json;
    }

    /**
     * Claims the caller's upload of this purpose ({@code avatar} or {@code icon}).
     *
     * @return the URL of its 256 px crop; a 400 problem naming {@code <purpose>_upload_id} for anything else
     *         than a usable image upload of the caller
     */
    public String claim(long callerId, String uploadId, String purpose) {
        String field = purpose + "_upload_id";
        long id;
        try {
            id = Snowflake.parse(uploadId);
        } catch (RuntimeException e) {
            throw invalid(field, "not an upload id");
        }
        String body;
        try {
            body = calls.call(DEPENDENCY, () -> http.post()
                    .uri(InternalApi.IMAGE_UPLOAD_CLAIM, Snowflake.format(id))
                    .body(Map.of("user_id", Snowflake.format(callerId), "purpose", purpose))
                    .retrieve().body(String.class));
        } catch (ClientErrorException e) {
            throw invalid(field, "not a usable " + purpose + " upload of yours (an image, uploaded, not expired)");
        }
        JsonNode claimed = json.readTree(body);
        return claimed.path("url").asString();
    }

    /**
     * The image behind {@code url} was replaced or removed and that change committed: its crops may go. Never
     * fails the caller's request (it has committed): a failure is logged and the crops stay (ADR 234).
     *
     * @return how many objects message-service deleted (0 for a URL that is not one of its crops, or on failure)
     */
    public long release(String url, String purpose) {
        if (url == null || url.isBlank()) {
            return 0;
        }
        try {
            String body = calls.call(DEPENDENCY, () -> http.post()
                    .uri(InternalApi.IMAGE_RELEASE)
                    .body(Map.of("url", url, "purpose", purpose))
                    .retrieve().body(String.class));
            return json.readTree(body).path("objects_deleted").asLong();
        } catch (RuntimeException e) {
            log.warn("the replaced {}'s crops were not released, they stay in the store: {}", purpose, e.toString());
            return 0;
        }
    }

    private static GuildhallException invalid(String field, String why) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, field + ": " + why,
                Map.of("errors", Map.of(field, why)));
    }
}
