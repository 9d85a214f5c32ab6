package dev.guildhall.media.sdp;

import java.util.Locale;

/** One {@code a=candidate} line (RFC 8839 §5.1), UDP only. */
public record IceCandidate(String foundation, int component, String transport, long priority, String address,
                           int port, String type) {

    /** Parses {@code candidate:...} with or without the {@code a=} prefix; null when it is not a usable UDP candidate. */
    public static IceCandidate parse(String line) {
        if (line == null) {
            return null;
        }
        String s = line.trim();
        if (s.startsWith("a=")) {
            s = s.substring(2);
        }
        if (!s.startsWith("candidate:")) {
            return null;
        }
        String[] f = s.substring("candidate:".length()).split("\\s+");
        if (f.length < 8 || !f[6].equals("typ")) {
            return null;
        }
        try {
            IceCandidate candidate = new IceCandidate(f[0], Integer.parseInt(f[1]), f[2].toLowerCase(Locale.ROOT),
                    Long.parseLong(f[3]), f[4], Integer.parseInt(f[5]), f[7]);
            return candidate.transport().equals("udp") ? candidate : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The attribute value, without {@code a=}. */
    public String toSdp() {
        return "candidate:" + foundation + " " + component + " " + transport + " " + priority + " " + address + " "
                + port + " typ " + type;
    }
}
