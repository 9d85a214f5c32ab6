package dev.guildhall.gateway;

import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.testing.HostileRequests.Answer;
import dev.guildhall.support.testing.HostileRequests.Probe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 2 at the edge: a malformed request is either handed to its service unchanged (whose own
 * answer is tested there) or refused by the gateway with a 4xx problem+json with a code, never a 5xx, an HTML
 * page or an empty body.
 */
class MalformedRequestTest extends GatewayIntegrationTest {

    @Test
    void theEdgeNeverAnswersMalformedInputWithA5xxOrABodilessError() {
        String bearer = "Bearer " + token();
        List<Probe> probes = new ArrayList<>();
        probes.addAll(HostileRequests.probes("/api/v1/servers/42/messages/search", "/api/v1/channels/77/messages", bearer));
        probes.addAll(HostileRequests.probes("/api/v1/servers/42/members", "/api/v1/auth/login", null));
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            Answer answer = HostileRequests.send(port, probe);
            boolean forwarded = answer.status() == 200 && answer.body().contains("\"service\"");
            boolean problem = answer.status() >= 400 && answer.status() < 500
                    && answer.contentType().startsWith("application/problem+json")
                    && answer.body().contains("\"code\":\"");
            if (!forwarded && !problem) {
                failures.add(probe.name() + " -> " + answer.status() + " " + answer.contentType() + " "
                        + answer.body().substring(0, Math.min(160, answer.body().length())));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aTooLongQueryIsA414Problem() {
        Answer answer = HostileRequests.send(port, new Probe("long", "GET",
                "/api/v1/servers/42/members?q=" + "a".repeat(10_000), Map.of("Authorization", "Bearer " + token()), null));
        assertThat(answer.status()).isEqualTo(414);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"URI_TOO_LONG\"");
    }
}
