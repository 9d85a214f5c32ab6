package dev.guildhall.support.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlerTest {

    @Test
    void fieldNamesAreReportedAsSent() {
        assertThat(ErrorHandler.snake("channelName")).isEqualTo("channel_name");
        assertThat(ErrorHandler.snake("name")).isEqualTo("name");
    }
}
