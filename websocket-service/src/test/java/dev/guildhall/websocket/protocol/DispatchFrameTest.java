package dev.guildhall.websocket.protocol;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatchFrameTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void prefixSequenceAndSuffixMakeOneValidFrame() {
        DispatchFrame frame = DispatchFrame.of("MESSAGE_CREATE", "e1",
                "{\"content\":\"h\\u00e9 \\\"quoted\\\"\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode parsed = JSON.readTree(frame.text(12345678901L));
        assertThat(parsed.path("op").asInt()).isZero();
        assertThat(parsed.path("s").asLong()).isEqualTo(12345678901L);
        assertThat(parsed.path("t").asString()).isEqualTo("MESSAGE_CREATE");
        assertThat(parsed.path("d").path("content").asString()).isEqualTo("hé \"quoted\"");
    }

    @Test
    void aStoredSuffixRebuildsTheSameFrame() {
        DispatchFrame frame = DispatchFrame.of("TYPING_START", "e2", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        DispatchFrame again = DispatchFrame.fromSuffix("e2", frame.suffixText());
        assertThat(again.type()).isEqualTo("TYPING_START");
        assertThat(again.text(7)).isEqualTo(frame.text(7));
    }

    @Test
    void refusesNamesThatWouldBreakTheFrame() {
        assertThatThrownBy(() -> DispatchFrame.of("X\",\"op\":1", "r", new byte[] {'{', '}'}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePayloadIsStoredOncePerFrame() {
        DispatchFrame frame = DispatchFrame.of("X", "r", new byte[] {'{', '}'});
        assertThat(frame.claimStore()).isTrue();
        assertThat(frame.claimStore()).isFalse();
    }
}
