package dev.guildhall.bot;

import dev.guildhall.bot.support.IntegrationTest;
import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.testing.ServiceAnswers;
import org.junit.jupiter.api.Test;

import static dev.guildhall.support.testing.ServiceAnswers.assertProblem;
import static dev.guildhall.support.testing.ServiceAnswers.get;

class BotServiceApplicationTest extends IntegrationTest {

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
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/api/v1/applications", "/api/v1/applications", null));
    }
}
