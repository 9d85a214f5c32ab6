package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.Downlink;
import dev.guildhall.media.sdp.OfferBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offer/answer state of one endpoint. The node always offers, one offer at a time: a change
 * while an offer is outstanding only marks a re-offer due, sent when the answer arrives, so there is
 * no glare. Downlink m-lines are never removed: a departed source's slot turns inactive and is reused
 * by the next source of the same media type.
 */
final class Negotiation {

    private final OfferBuilder builder;
    private final List<Downlink> downlinks = new ArrayList<>();
    private final Set<Long> activeSsrcs = ConcurrentHashMap.newKeySet();
    private boolean awaitingAnswer;
    private boolean reofferDue;
    private int nextMid;

    Negotiation(OfferBuilder builder) {
        this.builder = builder;
    }

    /** Brings the downlinks in line with the remote sources; true if anything changed. */
    synchronized boolean sync(List<Source> remote) {
        boolean changed = false;
        Map<Long, Source> wanted = new LinkedHashMap<>();
        remote.forEach(s -> wanted.put(s.ssrc(), s));
        for (int i = 0; i < downlinks.size(); i++) {
            Downlink d = downlinks.get(i);
            if (d.active() && !wanted.containsKey(d.ssrc())) {
                downlinks.set(i, new Downlink(d.mid(), d.kind(), null, null));
                activeSsrcs.remove(d.ssrc());
                changed = true;
            }
        }
        for (Source s : wanted.values()) {
            if (activeSsrcs.contains(s.ssrc())) {
                continue;
            }
            int slot = -1;
            for (int i = 0; i < downlinks.size(); i++) {
                Downlink d = downlinks.get(i);
                if (!d.active() && d.kind().sdpMedia().equals(s.kind().sdpMedia())) {
                    slot = i;
                    break;
                }
            }
            if (slot >= 0) {
                downlinks.set(slot, new Downlink(downlinks.get(slot).mid(), s.kind(), s.ssrc(), s.userId()));
            } else {
                downlinks.add(new Downlink("d" + nextMid++, s.kind(), s.ssrc(), s.userId()));
            }
            activeSsrcs.add(s.ssrc());
            changed = true;
        }
        return changed;
    }

    /** The next offer if none is outstanding; otherwise null and a re-offer is due after the answer. */
    synchronized String offer() {
        if (awaitingAnswer) {
            reofferDue = true;
            return null;
        }
        awaitingAnswer = true;
        reofferDue = false;
        return builder.build(List.copyOf(downlinks));
    }

    /** Records the answer; true if a re-offer is due now. */
    synchronized boolean answered() {
        awaitingAnswer = false;
        return reofferDue;
    }

    synchronized boolean awaitingAnswer() {
        return awaitingAnswer;
    }

    /** Forget offer state (a new signalling connection starts a new PeerConnection). */
    synchronized void reset() {
        downlinks.clear();
        activeSsrcs.clear();
        awaitingAnswer = false;
        reofferDue = false;
    }

    boolean sends(long ssrc) {
        return activeSsrcs.contains(ssrc);
    }

    synchronized List<Downlink> downlinks() {
        return List.copyOf(downlinks);
    }
}
