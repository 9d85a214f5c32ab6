package dev.guildhall.support.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlerTest {

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterNotA500() {
        ErrorHandler handler = new ErrorHandler();
        RuntimeException refused = new IllegalStateException("Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException("shard-1 unavailable", "08001"));

        var response = handler.unexpected(refused);

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("3");
        assertThat(response.getBody().getProperties()).containsEntry("code", "DATABASE_UNAVAILABLE");
        assertThat(ErrorHandler.databaseUnreachable(new RuntimeException(
                new java.sql.SQLException("duplicate", "23000")))).isFalse();
    }

    @Test
    void anUnavailableDependencyIsA503WithRetryAfter() {
        var response = new ErrorHandler().domain(new dev.guildhall.common.error.GuildhallException(
                dev.guildhall.common.error.ErrorCode.SERVICE_UNAVAILABLE, "server-service is unavailable"));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(response.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
        // anything else carries no Retry-After
        assertThat(new ErrorHandler().domain(dev.guildhall.common.error.GuildhallException.notFound(
                dev.guildhall.common.error.ErrorCode.UNKNOWN_CHANNEL)).getHeaders().getFirst("Retry-After")).isNull();
    }

    /** {@code GET /v3/api-docs/<unknown group>}: springdoc's not-found is an unknown path's 404, not a 500. */
    @Test
    void anUnknownApiDescriptionGroupIsA404Problem() {
        var response = new ErrorHandler().unexpected(
                new org.springdoc.api.OpenApiResourceNotFoundException("No OpenAPI resource found for group: nope"));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(response.getBody().getProperties()).containsEntry("code", "NOT_FOUND");
        assertThat(response.getBody().getDetail()).doesNotContain("nope");
    }

    @Test
    void fieldNamesAreReportedAsSent() {
        assertThat(ErrorHandler.snake("channelName")).isEqualTo("channel_name");
        assertThat(ErrorHandler.snake("name")).isEqualTo("name");
    }
}
