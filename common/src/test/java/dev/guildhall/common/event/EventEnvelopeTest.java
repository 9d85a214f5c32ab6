package dev.guildhall.common.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    @Test
    void ofFormatsSnowflakesAsDecimalStringsAndKeepsAbsentIdsNull() {
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        EventEnvelope dm = EventEnvelope.of(1234567890123456789L, EventTypes.MESSAGE_CREATE, null, 42L, 7L, at, "x");

        assertThat(dm.eventId()).isEqualTo("1234567890123456789");
        assertThat(dm.serverId()).isNull();
        assertThat(dm.channelId()).isEqualTo("42");
        assertThat(dm.userId()).isEqualTo("7");
        assertThat(dm.occurredAt()).isEqualTo(at);
    }

    @Test
    void anEventWithoutATypeIsRefused() {
        assertThatThrownBy(() -> EventEnvelope.of(1, " ", 1L, 1L, 1L, Instant.EPOCH, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
