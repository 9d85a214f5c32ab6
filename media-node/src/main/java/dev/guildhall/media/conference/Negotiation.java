package dev.guildhall.media.conference;

import dev.guildhall.media.sdp.Downlink;
import dev.guildhall.media.sdp.OfferBuilder;
import dev.guildhall.media.sdp.SdpAnswer;

import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>A source is forwarded to this endpoint only once the client has answered an offer whose m-line
 * for it is active (before that, Chromium cannot demux its SSRC and may refuse the next answer), and
 * stops the moment the node drops it from the downlinks, before the offer that says so is answered.
 */
final class Negotiation {

    private final OfferBuilder builder;
    private final List<Downlink> downlinks = new ArrayList<>();
    private final Set<Long> activeSsrcs = new HashSet<>();
    // read without locking by the packet threads of every other endpoint
    private final Set<Long> forwarding = ConcurrentHashMap.newKeySet();
    private List<Downlink> offered = List.of();
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
                forwarding.remove(d.ssrc());
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
        offered = List.copyOf(downlinks);
        return builder.build(offered);
    }

    /**
     * Records the answer to the outstanding offer: the sources it accepted (and the node still wants)
     * are forwarded from now on, those it declined are not.
     */
    synchronized Answered answered(SdpAnswer answer) {
        awaitingAnswer = false;
        List<Downlink> started = new ArrayList<>();
        for (Downlink d : offered) {
            if (!d.active()) {
                continue;
            }
            SdpAnswer.Media media = answer.media().get(d.mid());
            if (media == null || !media.clientReceives()) {
                forwarding.remove(d.ssrc());
            } else if (downlinks.contains(d) && forwarding.add(d.ssrc())) {
                started.add(d);
            }
        }
        return new Answered(reofferDue, List.copyOf(started));
    }

    synchronized boolean awaitingAnswer() {
        return awaitingAnswer;
    }

    /** Forget offer state (a new signalling connection starts a new PeerConnection). */
    synchronized void reset() {
        downlinks.clear();
        activeSsrcs.clear();
        forwarding.clear();
        offered = List.of();
        awaitingAnswer = false;
        reofferDue = false;
    }

    /** True if packets of {@code ssrc} go to this endpoint: lock-free, called per packet. */
    boolean sends(long ssrc) {
        return forwarding.contains(ssrc);
    }

    synchronized List<Downlink> downlinks() {
        return List.copyOf(downlinks);
    }

    /**
     * What an answer changed.
     *
     * @param reofferDue a change waited for this answer: offer again now
     * @param started    the downlinks forwarded from this answer on
     */
    record Answered(boolean reofferDue, List<Downlink> started) {
    }
}
