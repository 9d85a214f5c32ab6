package dev.guildhall.server.server;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.server.access.ServerAccess;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.HttpClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.security.InternalProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Map;

/**
 * {@code icon_upload_id} of {@code PATCH /servers/{id}} (ADR 195): after the MANAGE_SERVER check,
 * message-service claims the caller's icon upload and answers the links of its square crops; the
 * 256 px one becomes the server's {@code icon_url}.
 */
@Component
@EnableConfigurationProperties(ServerIcons.Properties.class)
class ServerIcons {

    static final String DEPENDENCY = "message-service";

    /** message-service, under {@code guildhall.media}. */
    @Validated
    @ConfigurationProperties("guildhall.media")
    record Properties(@NotBlank String url, @NotNull Duration timeout) {
    }

    private final ServerAccess access;
    private final RestClient http;
    private final ResilientCalls calls;
    private final JsonMapper json;

    ServerIcons(ServerAccess access, Properties properties, InternalProperties internal, ResilientCalls calls,
                JsonMapper json) {
        this.access = access;
        this.http = HttpClients.internal(properties.url(), internal.internalToken(), properties.timeout());
        this.calls = calls;
        this.json = json;
    }

    /** @return the icon's URL; 403 without MANAGE_SERVER (checked first), 400 for an upload that is not a usable icon */
    String claim(long callerId, long serverId, String uploadId) {
        access.read(serverId, callerId, ErrorCode.UNKNOWN_SERVER).actor().require(Permission.MANAGE_SERVER);
        long id;
        try {
            id = Snowflake.parse(uploadId);
        } catch (RuntimeException e) {
            throw invalid("not an upload id");
        }
        String body;
        try {
            body = calls.call(DEPENDENCY, () -> http.post()
                    .uri(InternalApi.IMAGE_UPLOAD_CLAIM, Snowflake.format(id))
                    .body(Map.of("user_id", Snowflake.format(callerId), "purpose", "icon"))
                    .retrieve().body(String.class));
        } catch (ClientErrorException e) {
            throw invalid("not a usable icon upload of yours (an image, uploaded, not expired)");
        }
        JsonNode claimed = json.readTree(body);
        return claimed.path("url").asString();
    }

    private static GuildhallException invalid(String why) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "icon_upload_id: " + why,
                Map.of("errors", Map.of("icon_upload_id", why)));
    }
}
