package dev.guildhall.voice;

import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.testing.ServiceAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.guildhall.support.testing.ServiceAnswers.assertProblem;
import static dev.guildhall.support.testing.ServiceAnswers.get;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VoiceServiceApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void reportsHealthy() {
        ServiceAnswers.assertHealthy(port);
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() {
        assertProblem(get(port, "/actuator/nope"), 404, "NOT_FOUND");
        // everything else needs a token first: the answer says so in the same shape
        assertProblem(get(port, "/api/v1/nope"), 401, "UNAUTHORIZED");
        assertProblem(get(port, "/nope"), 401, "UNAUTHORIZED");
    }

    /** Issue 14, finding 2: malformed input is a 4xx problem with a code, whoever sends it. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/channels/1/voice/states", "/api/v1/channels/1/voice/join", null));
    }
}
