package dev.guildhall.voice;

import dev.guildhall.support.testing.HostileRequests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VoiceServiceApplicationTest {

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
        assertProblem(get("/actuator/nope"), 404, "NOT_FOUND");
        // everything else needs a token first: the answer says so in the same shape
        assertProblem(get("/api/v1/nope"), 401, "UNAUTHORIZED");
        assertProblem(get("/nope"), 401, "UNAUTHORIZED");
    }

    /** Issue 14, finding 2: malformed input is a 4xx problem with a code, whoever sends it. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/channels/1/voice/states", "/api/v1/channels/1/voice/join", null));
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
