package dev.guildhall.common.internal;

import dev.guildhall.common.event.EventEnvelope;
import dev.guildhall.common.media.ColibriPatch;
import dev.guildhall.common.media.MediaNodeReport;
import dev.guildhall.common.media.MediaRedisKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts carry their wire names themselves: a mapper with no naming strategy (not the services'
 * snake_case default) reads and writes the shapes the services exchange.
 */
class ContractsJsonTest {

    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @Test
    void thePermissionsAnswerReadsServerServicesJson() {
        PermissionsAnswer answer = PLAIN.readValue("""
                {"server_id":"1","channel_id":"2","user_id":"3","member":true,"permissions":"1024",
                 "channel_type":"voice","something_new":1}""", PermissionsAnswer.class);

        assertThat(answer).isEqualTo(new PermissionsAnswer("1", "2", "3", true, "1024", "voice"));
    }

    @Test
    void aSnapshotWithoutOptionalPartsHasEmptyListsNotNulls() {
        ServerSnapshot snapshot = PLAIN.readValue("""
                {"server":{"server_id":"9","owner_id":"1","created_at":"2026-01-01T00:00:00Z"},
                 "channels":[{"channel_id":"10","position":2}],"members":[{"user_id":"1"}]}""", ServerSnapshot.class);

        assertThat(snapshot.server().createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(snapshot.roles()).isEmpty();
        assertThat(snapshot.channels().get(0).permissionOverwrites()).isEmpty();
        assertThat(snapshot.channels().get(0).position()).isEqualTo(2);
        assertThat(snapshot.members().get(0).roles()).isEmpty();
    }

    @Test
    void aColibriPatchSendsOnlyWhatItSets() {
        ColibriPatch patch = new ColibriPatch(null, null, "2", "1", List.of(new ColibriPatch.Endpoint("s1", null,
                true, null, null, null)));

        JsonNode json = PLAIN.valueToTree(patch);

        assertThat(json.has("create")).isFalse();
        assertThat(json.path("channel_id").asString()).isEqualTo("2");
        assertThat(json.path("endpoints").get(0).path("expire").asBoolean()).isTrue();
        assertThat(json.path("endpoints").get(0).has("permissions")).isFalse();
    }

    @Test
    void aMediaNodeReportRoundTripsUnderItsSharedKey() {
        MediaNodeReport report = new MediaNodeReport("media-1", "ws://a/signal", "http://a", 1, 2, 50.5, 0.25, false,
                Instant.parse("2026-12-06T10:00:00Z"));

        String text = PLAIN.writeValueAsString(report);

        assertThat(text).contains("\"packets_per_second\":50.5").contains("\"reported_at\":\"2026-12-06T10:00:00Z\"");
        assertThat(PLAIN.readValue(text, MediaNodeReport.class)).isEqualTo(report);
        assertThat(MediaRedisKeys.node("media-1")).isEqualTo("media:node:media-1");
    }

    @Test
    void aReportWithOnlyItsIdAndControlUrlStillReads() {
        MediaNodeReport report = PLAIN.readValue("{\"node_id\":\"m\",\"control_url\":\"http://a\"}",
                MediaNodeReport.class);

        assertThat(report.endpoints()).isZero();
        assertThat(report.draining()).isFalse();
        assertThat(report.reportedAt()).isNull();
    }

    @Test
    void anEnvelopeNamesItsRecipientsOnlyWhenItHasThem() {
        EventEnvelope server = EventEnvelope.of(5, "MESSAGE_CREATE", 1L, 2L, 3L, Instant.EPOCH, null);
        EventEnvelope dm = EventEnvelope.of(6, "MESSAGE_CREATE", null, 2L, 3L, Instant.EPOCH, null)
                .withRecipients(List.of(7L, 3L));

        assertThat(PLAIN.writeValueAsString(server)).doesNotContain("recipient_ids");
        assertThat(PLAIN.valueToTree(dm).path("recipient_ids").toString()).isEqualTo("[\"3\",\"7\"]");
    }
}
