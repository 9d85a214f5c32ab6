package dev.guildhall.media.control;

import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.media.ColibriPatch;
import dev.guildhall.media.control.ColibriRequests.ConferenceList;
import dev.guildhall.media.control.ColibriRequests.ConferenceView;
import dev.guildhall.media.control.ColibriRequests.DrainView;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The internal, Colibri2-shaped control API voice-service allocates conferences and endpoints with. */
@RestController
public class ColibriController {

    private final ColibriService colibri;

    public ColibriController(ColibriService colibri) {
        this.colibri = colibri;
    }

    @PatchMapping(InternalApi.COLIBRI_CONFERENCE)
    public ConferenceView patch(@PathVariable String conferenceId, @Valid @RequestBody ColibriPatch patch) {
        return colibri.patch(conferenceId, patch);
    }

    @GetMapping("/internal/colibri/conferences")
    public ConferenceList list() {
        return new ConferenceList(colibri.list(), colibri.draining());
    }

    @GetMapping("/internal/colibri/conferences/{conferenceId}")
    public ConferenceView get(@PathVariable String conferenceId) {
        return colibri.get(conferenceId);
    }

    @PostMapping("/internal/drain")
    public DrainView drain() {
        return colibri.drain();
    }
}
