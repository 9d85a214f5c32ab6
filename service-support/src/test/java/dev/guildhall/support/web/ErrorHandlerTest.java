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
    void fieldNamesAreReportedAsSent() {
        assertThat(ErrorHandler.snake("channelName")).isEqualTo("channel_name");
        assertThat(ErrorHandler.snake("name")).isEqualTo("name");
    }
}
