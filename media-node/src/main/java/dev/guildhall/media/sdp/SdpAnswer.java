package dev.guildhall.media.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node needs from a client's answer: ICE credentials and candidates, the DTLS fingerprint
 * and role, and per mid the direction and the SSRCs the client will send.
 */
public record SdpAnswer(String iceUfrag, String icePwd, String fingerprintHash, String fingerprint, String setup,
                        List<IceCandidate> candidates, Map<String, Media> media) {

    /** One m-line of the answer. */
    public record Media(String mid, String type, boolean rejected, String direction, List<Long> ssrcs) {

        /** The first SSRC the client declared for this m-line, or null. */
        public Long primarySsrc() {
            return ssrcs.isEmpty() ? null : ssrcs.get(0);
        }

        public boolean clientSends() {
            return !rejected && (direction.equals("sendonly") || direction.equals("sendrecv"));
        }

        public boolean clientReceives() {
            return !rejected && (direction.equals("recvonly") || direction.equals("sendrecv"));
        }
    }

    public static SdpAnswer parse(String sdp) {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new IllegalArgumentException("not an SDP");
        }
        Builder session = new Builder();
        Builder current = session;
        List<Builder> medias = new ArrayList<>();
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                current = new Builder();
                String[] f = line.substring(2).split("\\s+");
                current.type = f[0];
                current.rejected = f.length > 1 && f[1].equals("0");
                medias.add(current);
            } else if (line.startsWith("a=")) {
                current.attribute(line.substring(2));
            }
        }
        Map<String, Media> byMid = new LinkedHashMap<>();
        List<IceCandidate> candidates = new ArrayList<>(session.candidates);
        String ufrag = session.ufrag;
        String pwd = session.pwd;
        String hash = session.hash;
        String fingerprint = session.fingerprint;
        String setup = session.setup;
        for (Builder m : medias) {
            if (m.mid == null) {
                throw new IllegalArgumentException("m-line without a=mid");
            }
            ufrag = ufrag == null ? m.ufrag : ufrag;
            pwd = pwd == null ? m.pwd : pwd;
            hash = hash == null ? m.hash : hash;
            fingerprint = fingerprint == null ? m.fingerprint : fingerprint;
            setup = setup == null ? m.setup : setup;
            m.candidates.stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
            byMid.put(m.mid, new Media(m.mid, m.type, m.rejected, m.direction, List.copyOf(m.ssrcs)));
        }
        if (ufrag == null || pwd == null) {
            throw new IllegalArgumentException("answer lacks ICE credentials");
        }
        if (fingerprint == null) {
            throw new IllegalArgumentException("answer lacks a DTLS fingerprint");
        }
        return new SdpAnswer(ufrag, pwd, hash, fingerprint, setup == null ? "active" : setup, candidates, byMid);
    }

    private static final class Builder {
        String type;
        boolean rejected;
        String mid;
        String direction = "sendrecv";
        String ufrag;
        String pwd;
        String hash;
        String fingerprint;
        String setup;
        final List<Long> ssrcs = new ArrayList<>();
        final List<IceCandidate> candidates = new ArrayList<>();

        void attribute(String a) {
            int colon = a.indexOf(':');
            String name = colon < 0 ? a : a.substring(0, colon);
            String value = colon < 0 ? "" : a.substring(colon + 1).trim();
            switch (name) {
                case "mid" -> mid = value;
                case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = name;
                case "ice-ufrag" -> ufrag = value;
                case "ice-pwd" -> pwd = value;
                case "setup" -> setup = value;
                case "fingerprint" -> {
                    String[] f = value.split("\\s+");
                    if (f.length == 2) {
                        hash = f[0];
                        fingerprint = f[1];
                    }
                }
                case "ssrc" -> {
                    try {
                        long ssrc = Long.parseLong(value.split("\\s+")[0]);
                        if (!ssrcs.contains(ssrc)) {
                            ssrcs.add(ssrc);
                        }
                    } catch (NumberFormatException ignored) {
                        // not an SSRC line we can use
                    }
                }
                case "candidate" -> {
                    IceCandidate c = IceCandidate.parse(a);
                    if (c != null) {
                        candidates.add(c);
                    }
                }
                default -> {
                }
            }
        }
    }
}
