package dev.guildhall.media;

import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.testing.ServiceAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.guildhall.support.testing.ServiceAnswers.assertProblem;
import static dev.guildhall.support.testing.ServiceAnswers.get;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guildhall.media.udp-port=0", "spring.data.redis.url=redis://127.0.0.1:1"})
class MediaNodeApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void reportsHealthy() {
        ServiceAnswers.assertHealthy(port);
    }

    @Test
    void unknownPathsAnswerAProblemWithACode() {
        for (String path : new String[] {"/nope", "/api/v1/nope", "/actuator/nope", "/signal/nope"}) {
            assertProblem(get(port, path), 404, "NOT_FOUND");
        }
        assertProblem(get(port, "/internal/nope"), 401, "UNAUTHORIZED");
    }

    /** Issue 14, finding 2: malformed input is a 4xx problem with a code, whoever sends it. */
    @Test
    void malformedRequestsAreProblemsWithCodes() {
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/internal/colibri/conferences", "/internal/drain", null));
    }
}
