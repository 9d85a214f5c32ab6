package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attachment route (ADRs 161-163): signed links work without a token, as an {@code <img>} needs,
 * reach message-service unchanged, and the bytes of a direct upload pass the JSON size limit.
 */
class AttachmentRouteTest extends GatewayIntegrationTest {

    private static final String LINK = "/attachments/77/88/cat.png?ex=6a000000&is=69ff0000&hm=abc123";

    @Autowired
    TimeLimiterRegistry timeLimiters;

    @Test
    void aSignedLinkNeedsNoTokenAndReachesMessageServiceAsIs() {
        HttpResponse<String> response = http.send(http.request(LINK)
                .header("Range", "bytes=0-9").header("If-None-Match", "\"etag\"").GET());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode echo = Http.json(response);
        assertThat(echo.get("service").asString()).isEqualTo("message");
        assertThat(echo.get("uri").asString()).isEqualTo(LINK);
        assertThat(echo.get("headers").get("range").asString()).isEqualTo("bytes=0-9");
        assertThat(echo.get("headers").get("if-none-match").asString()).isEqualTo("\"etag\"");
        assertThat(echo.get("headers").has("authorization")).isFalse();
    }

    @Test
    void theBytesOfADirectUploadMayBeLargerThanJson() {
        byte[] file = new byte[3 * 1024 * 1024];
        HttpResponse<String> response = http.send(http.request("/attachments/77/88/big.bin?ex=1&is=1&hm=x")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).get("method").asString()).isEqualTo("PUT");
        assertThat(Http.json(response).get("body_length").asInt()).isEqualTo(file.length);
    }

    @Test
    void otherMethodsAndShapesAreNotPublic() {
        int before = SERVICES.get("message").requests();
        HttpResponse<String> delete = http.send(http.request("/attachments/77/88/cat.png").DELETE());
        assertThat(delete.statusCode()).isIn(401, 404);
        HttpResponse<String> deeper = http.get("/attachments/77/88/cat.png/more", null);
        assertThat(deeper.statusCode()).isIn(401, 404);
        assertThat(SERVICES.get("message").requests()).isEqualTo(before);
    }

    @Test
    void attachmentsStreamWithinTheUploadTimeLimit() {
        assertThat(timeLimiters.find("attachments")).hasValueSatisfying(limiter ->
                assertThat(limiter.getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(60)));
    }
}
