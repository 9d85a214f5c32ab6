package dev.guildhall.media.rtp;

import java.nio.charset.StandardCharsets;

/** Reading RTP headers (RFC 3550) and their one-byte/two-byte header extensions (RFC 8285). */
public final class Rtp {

    public static final int HEADER = 12;

    private Rtp() {
    }

    /**
     * Classifies a datagram by its first byte (RFC 7983): 20–63 DTLS, 128–191 RTP or RTCP (told apart
     * by the payload type: 192–223 is RTCP, RFC 5761).
     */
    public static boolean isDtls(byte[] b, int off, int len) {
        int first = b[off] & 0xFF;
        return len >= 13 && first >= 20 && first <= 63;
    }

    public static boolean isRtpOrRtcp(byte[] b, int off, int len) {
        int first = b[off] & 0xFF;
        return len >= 8 && first >= 128 && first <= 191;
    }

    public static boolean isRtcp(byte[] b, int off, int len) {
        int pt = b[off + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    public static int payloadType(Packet p) {
        return p.byteAt(1) & 0x7F;
    }

    public static int sequence(Packet p) {
        return p.u16(2);
    }

    public static long timestamp(Packet p) {
        return p.u32(4);
    }

    public static long ssrc(Packet p) {
        return p.u32(8);
    }

    public static boolean marker(Packet p) {
        return (p.byteAt(1) & 0x80) != 0;
    }

    /** Offset of the payload: fixed header, CSRCs and the extension block. */
    public static int headerLength(Packet p) {
        int cc = p.byteAt(0) & 0x0F;
        int len = HEADER + 4 * cc;
        if ((p.byteAt(0) & 0x10) != 0 && p.length() >= len + 4) {
            len += 4 + 4 * p.u16(len + 2);
        }
        return len;
    }

    /** True if the packet is long enough to hold the header it claims. */
    public static boolean wellFormed(Packet p) {
        return p.length() >= HEADER && (p.byteAt(0) >> 6) == 2 && headerLength(p) <= p.length();
    }

    /**
     * Offset (from the packet start) and length of extension element {@code id}, packed as
     * {@code offset << 8 | length}, or -1 when absent.
     */
    public static int findExtension(Packet p, int id) {
        if ((p.byteAt(0) & 0x10) == 0) {
            return -1;
        }
        int cc = p.byteAt(0) & 0x0F;
        int at = HEADER + 4 * cc;
        if (p.length() < at + 4) {
            return -1;
        }
        int profile = p.u16(at);
        int end = at + 4 + 4 * p.u16(at + 2);
        if (end > p.length()) {
            return -1;
        }
        int i = at + 4;
        boolean oneByte = profile == 0xBEDE;
        boolean twoByte = (profile & 0xFFF0) == 0x1000;
        while (i < end) {
            int b = p.byteAt(i);
            if (b == 0) {
                i++;
                continue;
            }
            int elementId;
            int elementLen;
            if (oneByte) {
                elementId = b >> 4;
                elementLen = (b & 0x0F) + 1;
                if (elementId == 15) {
                    return -1;
                }
                i++;
            } else if (twoByte) {
                if (i + 1 >= end) {
                    return -1;
                }
                elementId = b;
                elementLen = p.byteAt(i + 1);
                i += 2;
            } else {
                return -1;
            }
            if (i + elementLen > end) {
                return -1;
            }
            if (elementId == id) {
                return (i << 8) | elementLen;
            }
            i += elementLen;
        }
        return -1;
    }

    /**
     * The RFC 6464 audio level in -dBov (0 loudest, 127 silence), or -1 when the packet has none.
     */
    public static int audioLevel(Packet p, int id) {
        int found = findExtension(p, id);
        if (found < 0) {
            return -1;
        }
        return p.byteAt(found >> 8) & 0x7F;
    }

    /** The RFC 8843 MID header extension's value, or null. */
    public static String mid(Packet p, int id) {
        int found = findExtension(p, id);
        if (found < 0) {
            return null;
        }
        return new String(p.buffer(), p.offset() + (found >> 8), found & 0xFF, StandardCharsets.US_ASCII);
    }

    /** True for a VP8 key frame's first packet (RFC 7741 payload descriptor, then the VP8 frame tag). */
    public static boolean isVp8KeyFrame(Packet p) {
        int at = headerLength(p);
        if (p.length() < at + 2) {
            return false;
        }
        int d = p.byteAt(at);
        boolean start = (d & 0x10) != 0 && (d & 0x07) == 0;
        int i = at + 1;
        if ((d & 0x80) != 0) {
            int x = p.byteAt(i++);
            if ((x & 0x80) != 0) {
                i += (p.byteAt(i) & 0x80) != 0 ? 2 : 1;
            }
            if ((x & 0x40) != 0) {
                i++;
            }
            if ((x & 0x30) != 0) {
                i++;
            }
        }
        return start && i < p.length() && (p.byteAt(i) & 0x01) == 0;
    }
}
