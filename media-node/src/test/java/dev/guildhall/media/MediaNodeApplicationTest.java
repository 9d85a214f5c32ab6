package dev.guildhall.media;

import dev.guildhall.support.testing.HostileRequests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guildhall.media.udp-port=0", "spring.data.redis.url=redis://127.0.0.1:1"})
class MediaNodeApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void reportsHealthy() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() throws Exception {
        for (String path : new String[] {"/nope", "/api/v1/nope", "/actuator/nope", "/signal/nope"}) {
            assertProblem(get(path), 404, "NOT_FOUND");
        }
        assertProblem(get("/internal/nope"), 401, "UNAUTHORIZED");
    }

    /** Issue 14, finding 2: malformed input is a 4xx problem with a code, whoever sends it. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/internal/colibri/conferences", "/internal/drain", null));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }
}
