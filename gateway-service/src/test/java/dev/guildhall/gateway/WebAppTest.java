package dev.guildhall.gateway;

import dev.guildhall.gateway.support.TestWebRoot;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The web client: files, the single-page-app fallback, security headers. */
class WebAppTest extends GatewayIntegrationTest {

    @Test
    void servesTheIndexWithSecurityHeaders() {
        HttpResponse<String> response = page("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(TestWebRoot.INDEX_MARKER);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void clientRoutesFallBackToTheIndex() {
        for (String path : new String[] {"/invite/ABC", "/channels/1/2", "/login"}) {
            HttpResponse<String> response = page(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains(TestWebRoot.INDEX_MARKER);
        }
    }

    @Test
    void hashedAssetsAreCachedForLong() {
        HttpResponse<String> response = http.send(http.request("/assets/app-1a2b3c.js"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("guildhall");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000").contains("immutable");
    }

    @Test
    void scriptsAreSentGzippedToBrowsersThatAcceptIt() {
        HttpResponse<String> gzipped = http.send(http.request("/assets/vendor-9f8e7d.js").header("Accept-Encoding", "gzip"));
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");

        HttpResponse<String> plain = http.send(http.request("/assets/vendor-9f8e7d.js"));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).startsWith("export const guildhall");
    }

    @Test
    void missingFilesAndApiPathsDoNotFallBack() {
        HttpResponse<String> missingScript = http.send(http.request("/missing.js").header("Accept", "*/*"));
        HttpResponse<String> apiAsPage = page("/api/v1/nothing-here");
        HttpResponse<String> actuatorAsPage = page("/actuator/nothing");

        assertThat(missingScript.statusCode()).isEqualTo(404);
        assertThat(missingScript.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(apiAsPage.statusCode()).isEqualTo(401);
        assertThat(actuatorAsPage.statusCode()).isEqualTo(404);
    }

    @Test
    void pathTraversalOutOfTheWebRootIsRefused() {
        HttpResponse<String> response = page("/..%2F..%2Fetc%2Fpasswd");

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.body()).doesNotContain("root:");
    }

    private HttpResponse<String> page(String path) {
        return http.send(http.request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }
}
