package dev.guildhall.bench.voice;

import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtp;
import dev.guildhall.media.sdp.Codecs;

/**
 * The bench's Opus-shaped RTP packet: payload type 111, the RFC 6464 audio level in a one-byte header
 * extension (id 1, as the node's offers fix it), and a payload that starts with a stamp — magic, the
 * sending endpoint's index, its own sequence number and the send instant ({@link System#nanoTime()}, one
 * JVM sends and receives) — padded to an Opus-like size. The node forwards packets unchanged, so a
 * receiver reads the stamp back for loss and end-to-end latency per (source, receiver) stream.
 */
final class AudioPacket {

    /** "GHVA". */
    static final int MAGIC = 0x47485641;
    /** RTP header (12) + extension header (4) + one word holding the level element. */
    static final int HEADER = 20;
    /** Magic, source, sequence, send nanos. */
    static final int STAMP = 4 + 4 + 4 + 8;
    /** 20 ms of Opus at 48 kHz. */
    static final long SAMPLES_PER_PACKET = 960;

    /** What a receiver reads back. */
    record Stamp(int source, int sequence, long sentNanos) {
    }

    private AudioPacket() {
    }

    /**
     * @param level   RFC 6464 level, 0 (loudest) … 127 (silence), in -dBov
     * @param voice   the V flag: the sender thinks this is speech
     * @param payload payload bytes (at least {@link #STAMP})
     */
    static Packet encode(long ssrc, int source, int sequence, long sentNanos, int level, boolean voice, int payload) {
        int size = HEADER + Math.max(STAMP, payload);
        Packet p = new Packet(new byte[size + Packet.TRAILER_ROOM], 0, size);
        p.setByte(0, 0x90); // version 2, extension bit
        p.setByte(1, Codecs.OPUS_PT);
        p.putU16(2, sequence & 0xFFFF);
        p.putU32(4, (sequence * SAMPLES_PER_PACKET) & 0xFFFFFFFFL);
        p.putU32(8, ssrc);
        p.putU16(12, 0xBEDE); // RFC 8285 one-byte elements
        p.putU16(14, 1);      // one 32-bit word follows
        p.setByte(16, Codecs.AUDIO_LEVEL_EXT << 4); // id, length - 1 = 0
        p.setByte(17, (voice ? 0x80 : 0) | (level & 0x7F));
        // bytes 18 and 19 stay 0: padding
        p.putU32(HEADER, MAGIC);
        p.putU32(HEADER + 4, source & 0xFFFFFFFFL);
        p.putU32(HEADER + 8, sequence & 0xFFFFFFFFL);
        p.putU32(HEADER + 12, sentNanos >>> 32);
        p.putU32(HEADER + 16, sentNanos & 0xFFFFFFFFL);
        return p;
    }

    /** The stamp of one of our packets (as forwarded and decrypted), or null for anything else. */
    static Stamp decode(Packet p) {
        if (!Rtp.wellFormed(p) || Rtp.payloadType(p) != Codecs.OPUS_PT) {
            return null;
        }
        int at = Rtp.headerLength(p);
        if (p.length() - at < STAMP || p.u32(at) != MAGIC) {
            return null;
        }
        long sent = (p.u32(at + 12) << 32) | p.u32(at + 16);
        return new Stamp((int) p.u32(at + 4), (int) p.u32(at + 8), sent);
    }
}
