package dev.guildhall.websocket.fanout;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    final EventParser parser = new EventParser(JsonMapper.builder().build());

    @Test
    void readsTheEnvelopeWithIdsAsStrings() {
        InboundEvent e = parser.parse("messages", """
                {"event_id":"9","type":"MESSAGE_CREATE","server_id":"1","channel_id":"2","user_id":"3",
                 "occurred_at":"2026-01-01T00:00:00Z","data":{"content":"hi"}}""");
        assertThat(e.eventId()).isEqualTo("9");
        assertThat(e.serverId()).isEqualTo(1);
        assertThat(e.channelId()).isEqualTo(2);
        assertThat(e.userId()).isEqualTo(3);
        assertThat(e.data().path("content").asString()).isEqualTo("hi");
        assertThat(e.occurredAtMillis()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void occurredAtMayBeEpochSecondsOrMillisAndIsZeroWhenUnreadable() {
        String envelope = "{\"event_id\":\"9\",\"type\":\"MESSAGE_CREATE\",\"channel_id\":\"2\",\"occurred_at\":%s,\"data\":{}}";
        assertThat(parser.parse("messages", envelope.formatted("1767225600.250")).occurredAtMillis())
                .isEqualTo(1_767_225_600_250L);
        assertThat(parser.parse("messages", envelope.formatted("1767225600250")).occurredAtMillis())
                .isEqualTo(1_767_225_600_250L);
        InboundEvent unreadable = parser.parse("messages", envelope.formatted("\"yesterday\""));
        assertThat(unreadable).as("still delivered").isNotNull();
        assertThat(unreadable.occurredAtMillis()).isZero();
    }

    @Test
    void acceptsDataCarriedAsAJsonStringAndIdsFromData() {
        InboundEvent e = parser.parse("server-events", """
                {"event_id":"9","type":"CHANNEL_UPDATE","data":"{\\"channel_id\\":\\"5\\",\\"server_id\\":\\"4\\"}"}""");
        assertThat(e.serverId()).isEqualTo(4);
        assertThat(e.channelId()).isEqualTo(5);
    }

    @Test
    void dataIsForwardedAsTheProducerWroteItAndRecipientsAreRead() {
        String data = "{ \"content\" : \"h\\u00e9\",\n  \"nested\": {\"a\": [1, 2.50]} }";
        InboundEvent e = parser.parse("messages", "{\"type\":\"MESSAGE_CREATE\",\"data\":" + data
                + ",\"channel_id\":\"2\",\"recipient_ids\":[\"3\",\"4\"],\"event_id\":\"9\"}");

        // byte for byte: not parsed and re-encoded (the spacing, escapes and number format survive)
        assertThat(new String(e.dataJson(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(data);
        assertThat(e.recipients()).containsExactlyInAnyOrder(3L, 4L);
        assertThat(e.serverId()).isZero();
        assertThat(e.channelId()).isEqualTo(2);
        assertThat(e.data().path("content").asString()).isEqualTo("h\u00e9");
    }

    @Test
    void refusesWhatIsNotAnEnvelope() {
        assertThat(parser.parse("messages", "nope")).isNull();
        assertThat(parser.parse("messages", "{\"type\":\"lower_case\"}")).isNull();
        assertThat(parser.parse("messages", "{\"data\":{}}")).isNull();
    }

    @Test
    void anEventWithoutIdGetsAUniqueRefAndStrangeIdsAreMadeSafe() {
        InboundEvent a = parser.parse("messages", "{\"type\":\"TYPING_START\",\"data\":{}}");
        InboundEvent b = parser.parse("messages", "{\"type\":\"TYPING_START\",\"data\":{}}");
        assertThat(a.eventId()).isNotEqualTo(b.eventId());
        assertThat(parser.parse("messages", "{\"event_id\":\"a|b c\",\"type\":\"X\"}").eventId()).isEqualTo("a_b_c");
        InboundEvent odd = parser.parse("messages", "{\"event_id\":{\"x\":[1]},\"type\":\"X\",\"data\":{\"a\":1}}");
        assertThat(odd.eventId()).startsWith("anon-");
        assertThat(new String(odd.dataJson(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }
}
