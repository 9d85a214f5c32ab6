package dev.guildhall.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reading compound RTCP (RFC 3550) and writing the feedback the node originates (RFC 4585, 5104, REMB). */
public final class Rtcp {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;
    public static final int FMT_NACK = 1;
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;

    private Rtcp() {
    }

    /** One packet of a compound: its type, format/count field, and where it sits. */
    public record Block(int type, int fmt, int offset, int length) {
    }

    /** The packets of a compound RTCP datagram; stops at the first malformed one. */
    public static List<Block> blocks(Packet p) {
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (at + 4 <= p.length()) {
            int first = p.byteAt(at);
            if ((first >> 6) != 2) {
                break;
            }
            int len = 4 * (p.u16(at + 2) + 1);
            if (at + len > p.length()) {
                break;
            }
            blocks.add(new Block(p.byteAt(at + 1), first & 0x1F, at, len));
            at += len;
        }
        return blocks;
    }

    /** Media SSRC of a feedback message (RTPFB/PSFB), at offset 8 of the block. */
    public static long mediaSsrc(Packet p, Block b) {
        return p.u32(b.offset() + 8);
    }

    /** FIR carries its target SSRC in its FCI entries, not in the media SSRC field (RFC 5104 §4.3.1). */
    public static long firTarget(Packet p, Block b) {
        return b.length() >= 20 ? p.u32(b.offset() + 12) : -1;
    }

    /** Calls {@code lost} with each sequence number a generic NACK (RFC 4585 §6.2.1) asks for. */
    public static void nackedSequences(Packet p, Block b, Consumer<Integer> lost) {
        for (int at = b.offset() + 12; at + 4 <= b.offset() + b.length(); at += 4) {
            int pid = p.u16(at);
            int blp = p.u16(at + 2);
            lost.accept(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lost.accept((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }

    public static Packet pli(long senderSsrc, long mediaSsrc) {
        Packet p = blank(12);
        p.setByte(0, 0x80 | FMT_PLI);
        p.setByte(1, PSFB);
        p.putU16(2, 2);
        p.putU32(4, senderSsrc);
        p.putU32(8, mediaSsrc);
        return p;
    }

    public static Packet fir(long senderSsrc, long mediaSsrc, int sequence) {
        Packet p = blank(20);
        p.setByte(0, 0x80 | FMT_FIR);
        p.setByte(1, PSFB);
        p.putU16(2, 4);
        p.putU32(4, senderSsrc);
        p.putU32(8, 0);
        p.putU32(12, mediaSsrc);
        p.setByte(16, sequence & 0xFF);
        return p;
    }

    /** Statistics of one received source for a report block. */
    public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter) {
    }

    /** A receiver report with up to 31 report blocks. */
    public static Packet receiverReport(long senderSsrc, List<ReportBlock> reports) {
        int n = Math.min(31, reports.size());
        Packet p = blank(8 + 24 * n);
        p.setByte(0, 0x80 | n);
        p.setByte(1, RR);
        p.putU16(2, 1 + 6 * n);
        p.putU32(4, senderSsrc);
        for (int i = 0; i < n; i++) {
            ReportBlock r = reports.get(i);
            int at = 8 + 24 * i;
            p.putU32(at, r.ssrc());
            p.setByte(at + 4, r.fractionLost());
            int lost = Math.max(-0x800000, Math.min(0x7FFFFF, r.cumulativeLost()));
            p.setByte(at + 5, lost >> 16);
            p.putU16(at + 6, lost & 0xFFFF);
            p.putU32(at + 8, r.extendedHighestSequence());
            p.putU32(at + 12, r.jitter());
            p.putU32(at + 16, 0);
            p.putU32(at + 20, 0);
        }
        return p;
    }

    /** Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb) for the given SSRCs. */
    public static Packet remb(long senderSsrc, long bitrate, List<Long> ssrcs) {
        int n = Math.min(255, ssrcs.size());
        Packet p = blank(20 + 4 * n);
        p.setByte(0, 0x80 | FMT_AFB);
        p.setByte(1, PSFB);
        p.putU16(2, 4 + n);
        p.putU32(4, senderSsrc);
        p.putU32(8, 0);
        p.setByte(12, 'R');
        p.setByte(13, 'E');
        p.setByte(14, 'M');
        p.setByte(15, 'B');
        int exp = 0;
        long mantissa = Math.max(0, bitrate);
        while (mantissa > 0x3FFFF) {
            mantissa >>= 1;
            exp++;
        }
        p.setByte(16, n);
        p.setByte(17, (int) ((exp << 2) | (mantissa >> 16)));
        p.putU16(18, (int) (mantissa & 0xFFFF));
        for (int i = 0; i < n; i++) {
            p.putU32(20 + 4 * i, ssrcs.get(i));
        }
        return p;
    }

    /** The bitrate a REMB block announces, or -1 when the block is not REMB. */
    public static long rembBitrate(Packet p, Block b) {
        int at = b.offset();
        if (b.type() != PSFB || b.fmt() != FMT_AFB || b.length() < 20 || p.byteAt(at + 12) != 'R'
                || p.byteAt(at + 13) != 'E' || p.byteAt(at + 14) != 'M' || p.byteAt(at + 15) != 'B') {
            return -1;
        }
        int exp = p.byteAt(at + 17) >> 2;
        long mantissa = ((long) (p.byteAt(at + 17) & 0x03) << 16) | p.u16(at + 18);
        return mantissa << exp;
    }

    /** A copy of one block of a compound as its own packet. */
    public static Packet extract(Packet p, Block b) {
        return Packet.copyOf(p.buffer(), p.offset() + b.offset(), b.length());
    }

    private static Packet blank(int len) {
        return new Packet(new byte[len + Packet.TRAILER_ROOM], 0, len);
    }
}
