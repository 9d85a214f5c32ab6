package dev.guildhall.gateway.webapp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WebAppPiecesTest {

    @Test
    void rootIsTheFirstCandidateWithAnIndex(@TempDir Path work) throws IOException {
        Path nested = Files.createDirectories(work.resolve("gateway-service"));
        assertThat(WebAppConfig.resolveRoot("", nested)).isEmpty();

        Files.createDirectories(work.resolve("web-client/dist"));
        Files.writeString(work.resolve("web-client/dist/index.html"), "<html>");

        assertThat(WebAppConfig.resolveRoot("", nested)).hasValue(work.resolve("web-client/dist"));
        assertThat(WebAppConfig.resolveRoot("", work)).hasValue(work.resolve("web-client/dist"));
        assertThat(WebAppConfig.resolveRoot(work.resolve("web-client/dist").toString(), Path.of("/")))
                .hasValue(work.resolve("web-client/dist"));
        assertThat(WebAppConfig.resolveRoot("elsewhere", work)).isEmpty();
    }

    @Test
    void onlyPageRequestsOutsideTheApiFallBack() {
        assertThat(page("/channels/1/2", "text/html")).isTrue();
        assertThat(page("/invite/ABC", "text/html,application/xhtml+xml,*/*;q=0.8")).isTrue();
        assertThat(page("/missing.js", "*/*")).isFalse();
        assertThat(page("/api/v1/x", "text/html")).isFalse();
        assertThat(page("/actuator/x", "text/html")).isFalse();
        assertThat(page("/internal/x", "text/html")).isFalse();
        assertThat(page("/apiary", "text/html")).isTrue();
        MockServerWebExchange post = MockServerWebExchange.from(MockServerHttpRequest.post("/channels/1").header("Accept", "text/html"));
        assertThat(SpaFallbackResolver.isPageRequest(post, "channels/1")).isFalse();
    }

    private static boolean page(String path, String accept) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path).header("Accept", accept));
        return SpaFallbackResolver.isPageRequest(exchange, path.substring(1));
    }
}
