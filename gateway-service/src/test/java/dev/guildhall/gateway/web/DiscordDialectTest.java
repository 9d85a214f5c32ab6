package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge's refusals in the caller's dialect (ADR 275), including those no integration test provokes cheaply. */
class DiscordDialectTest {

    @Test
    void discordPathsAreBothVersionsAndNothingElse() {
        assertThat(DiscordDialect.speaks("/api/v10/users/@me")).isTrue();
        assertThat(DiscordDialect.speaks("/api/v9/gateway/bot")).isTrue();
        assertThat(DiscordDialect.speaks("/api/v10")).isTrue();
        assertThat(DiscordDialect.speaks("/api/v1/users/@me")).isFalse();
        assertThat(DiscordDialect.speaks("/api/v100/users/@me")).isFalse();
        assertThat(DiscordDialect.speaks("/api-docs/bot")).isFalse();
    }

    @Test
    void aRouteFallbackOnADiscordPathIsDiscordsErrorObject() {
        Map<String, Object> body = ProblemWriter.body("/api/v10/channels/5/messages", ErrorCode.SERVICE_UNAVAILABLE,
                "Bots are temporarily unavailable", Map.of("route", "discord", "reason", "timeout"));

        assertThat(body).containsExactly(Map.entry("message", "503: Service Unavailable"), Map.entry("code", 0));
        assertThat(ProblemWriter.contentType("/api/v10/channels/5/messages").toString()).isEqualTo("application/json");
    }

    @Test
    void anOverloadedDiscordPathIsARateLimitObject() {
        Map<String, Object> body = ProblemWriter.body("/api/v9/channels/5/messages", ErrorCode.OVERLOADED, "busy",
                Map.of("route", "discord", "limit", "busy", "retry_after", 1.0, "global", false));

        assertThat(body).containsExactly(Map.entry("message", "You are being rate limited."),
                Map.entry("retry_after", 1.0), Map.entry("global", false), Map.entry("code", 0));
    }

    @Test
    void v1KeepsItsProblems() {
        Map<String, Object> body = ProblemWriter.body("/api/v1/channels/5/messages", ErrorCode.SERVICE_UNAVAILABLE,
                "Messages are temporarily unavailable", Map.of("route", "messages"));

        assertThat(body).containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("instance", "/api/v1/channels/5/messages")
                .containsEntry("route", "messages");
        assertThat(ProblemWriter.contentType("/api/v1/x")).isEqualTo(ProblemWriter.PROBLEM_JSON);
    }
}
