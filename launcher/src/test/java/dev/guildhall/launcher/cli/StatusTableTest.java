package dev.guildhall.launcher.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusTableTest {

    @Test
    void columnsArePaddedToTheWidestCell() {
        String table = new StatusTable("NAME", "PORT", "STATUS")
                .row("gateway-service", 8080, "UP")
                .row("websocket-service-2", 8086, "DOWN (DOWN)")
                .row("kafka", null, "external")
                .render();
        assertThat(table).isEqualTo("""
                NAME                 PORT  STATUS
                -------------------  ----  -----------
                gateway-service      8080  UP
                websocket-service-2  8086  DOWN (DOWN)
                kafka                -     external
                """);
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThatThrownBy(() -> new StatusTable("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
