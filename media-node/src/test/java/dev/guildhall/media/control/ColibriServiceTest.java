package dev.guildhall.media.control;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.media.ColibriPatch;
import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.conference.MediaEngine;
import dev.guildhall.media.control.ColibriRequests.ConferenceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColibriServiceTest {

    final ConferenceRegistry registry = new ConferenceRegistry(new MediaEngine(null, null, 16, 300_000, 2_500_000));
    final ColibriService colibri = new ColibriService(registry);

    @AfterEach
    void close() {
        registry.close();
    }

    static ColibriPatch.Endpoint allocate(String id, String user) {
        return new ColibriPatch.Endpoint(id, true, false, user, new ColibriPatch.MediaPermissions(true, true, true), null);
    }

    @Test
    void createsAllocatesUpdatesAndExpires() {
        ConferenceView created = colibri.patch("42", new ColibriPatch(true, false, "42", "7",
                List.of(allocate("s1", "100"), allocate("s2", "200"))));
        assertThat(created.conferenceId()).isEqualTo("42");
        assertThat(created.endpoints()).extracting(ColibriRequests.EndpointView::id).containsExactly("s1", "s2");
        assertThat(created.endpoints()).allMatch(e -> !e.connected());

        ConferenceView muted = colibri.patch("42", new ColibriPatch(false, false, "42", "7",
                List.of(new ColibriPatch.Endpoint("s1", null, null, null, new ColibriPatch.MediaPermissions(false, true, false), null))));
        assertThat(muted.endpoints().get(0).permissions()).isEqualTo(new ColibriPatch.MediaPermissions(false, true, false));

        ConferenceView expired = colibri.patch("42", new ColibriPatch(false, false, "42", "7",
                List.of(new ColibriPatch.Endpoint("s2", null, true, null, null, null))));
        assertThat(expired.endpoints()).extracting(ColibriRequests.EndpointView::id).containsExactly("s1");

        colibri.patch("42", new ColibriPatch(false, true, "42", "7", List.of()));
        assertThat(colibri.list()).isEmpty();
    }

    @Test
    void unknownThingsAreStableErrors() {
        assertThatThrownBy(() -> colibri.patch("nope", new ColibriPatch(false, false, "nope", "7", List.of())))
                .isInstanceOfSatisfying(GuildhallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CONFERENCE));
        colibri.patch("42", new ColibriPatch(true, false, "42", "7", List.of()));
        assertThatThrownBy(() -> colibri.patch("42", new ColibriPatch(false, false, "42", "7",
                List.of(new ColibriPatch.Endpoint("ghost", null, null, null, new ColibriPatch.MediaPermissions(true, true, true), null)))))
                .isInstanceOfSatisfying(GuildhallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ENDPOINT));
        assertThatThrownBy(() -> colibri.patch("42", new ColibriPatch(false, false, "42", "7",
                List.of(new ColibriPatch.Endpoint("s9", true, null, null, null, null)))))
                .isInstanceOfSatisfying(GuildhallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> colibri.get("nope")).isInstanceOf(GuildhallException.class);
    }

    @Test
    void aDrainingNodeRefusesNewConferencesButServesItsOwn() {
        colibri.patch("42", new ColibriPatch(true, false, "42", "7", List.of()));
        assertThat(colibri.drain().draining()).isTrue();
        assertThatThrownBy(() -> colibri.patch("43", new ColibriPatch(true, false, "43", "7", List.of())))
                .isInstanceOfSatisfying(GuildhallException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_DRAINING));
        ConferenceView existing = colibri.patch("42", new ColibriPatch(true, false, "42", "7",
                List.of(allocate("s1", "100"))));
        assertThat(existing.endpoints()).hasSize(1);
        assertThat(colibri.draining()).isTrue();
    }
}
