package dev.guildhall.media.control;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.media.ColibriPatch;
import dev.guildhall.media.conference.Conference;
import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.conference.Endpoint;
import dev.guildhall.media.conference.Permissions;
import dev.guildhall.media.control.ColibriRequests.ConferenceView;
import dev.guildhall.media.control.ColibriRequests.EndpointView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies control-API patches to the conferences: create, allocate, update permissions, expire, move. */
@Service
public class ColibriService {

    private final ConferenceRegistry registry;

    public ColibriService(ConferenceRegistry registry) {
        this.registry = registry;
    }

    public ConferenceView patch(String conferenceId, ColibriPatch patch) {
        if (Boolean.TRUE.equals(patch.expire())) {
            registry.expire(conferenceId);
            return new ConferenceView(conferenceId, patch.channelId(), patch.serverId(), null, List.of());
        }
        Conference conference;
        if (Boolean.TRUE.equals(patch.create())) {
            try {
                conference = registry.create(conferenceId,
                        patch.channelId() == null ? conferenceId : patch.channelId(), patch.serverId());
            } catch (ConferenceRegistry.DrainingException e) {
                throw new GuildhallException(ErrorCode.NODE_DRAINING, "This media node takes no new conferences");
            }
        } else {
            conference = registry.find(conferenceId).orElseThrow(() ->
                    new GuildhallException(ErrorCode.UNKNOWN_CONFERENCE, "No conference " + conferenceId + " here"));
        }
        for (ColibriPatch.Endpoint e : patch.endpoints() == null ? List.<ColibriPatch.Endpoint>of() : patch.endpoints()) {
            apply(conference, e);
        }
        return view(conference);
    }

    private void apply(Conference conference, ColibriPatch.Endpoint patch) {
        if (Boolean.TRUE.equals(patch.expire())) {
            conference.expire(patch.id());
            return;
        }
        Permissions permissions = patch.permissions() == null ? null : new Permissions(patch.permissions().speak(),
                patch.permissions().video(), patch.permissions().stream());
        Endpoint endpoint = conference.endpoint(patch.id());
        if (endpoint == null) {
            if (!Boolean.TRUE.equals(patch.create())) {
                throw new GuildhallException(ErrorCode.UNKNOWN_ENDPOINT, "No endpoint " + patch.id() + " here");
            }
            if (patch.userId() == null || patch.userId().isBlank()) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A new endpoint needs a user_id");
            }
            endpoint = conference.allocate(patch.id(), patch.userId(), permissions);
        } else if (permissions != null) {
            endpoint.setPermissions(permissions);
        }
        if (patch.reconnect() != null) {
            endpoint.sendReconnect(patch.reconnect().endpoint(), patch.reconnect().voiceToken());
        }
    }

    public List<ConferenceView> list() {
        List<ConferenceView> views = new ArrayList<>();
        registry.all().stream().sorted(Comparator.comparing(Conference::id)).forEach(c -> views.add(view(c)));
        return views;
    }

    public ConferenceView get(String conferenceId) {
        return registry.find(conferenceId).map(ColibriService::view).orElseThrow(() ->
                new GuildhallException(ErrorCode.UNKNOWN_CONFERENCE, "No conference " + conferenceId + " here"));
    }

    public ColibriRequests.DrainView drain() {
        registry.drain();
        return new ColibriRequests.DrainView(true, registry.all().size(), registry.endpointCount());
    }

    public boolean draining() {
        return registry.draining();
    }

    static ConferenceView view(Conference conference) {
        List<EndpointView> endpoints = conference.endpoints().stream()
                .sorted(Comparator.comparing(Endpoint::id))
                .map(e -> new EndpointView(e.id(), e.userId(), e.connected(),
                        new ColibriPatch.MediaPermissions(e.permissions().speak(), e.permissions().video(), e.permissions().stream()),
                        e.packetsReceived()))
                .toList();
        return new ConferenceView(conference.id(), conference.channelId(), conference.serverId(),
                conference.speakers().dominant(), endpoints);
    }
}
