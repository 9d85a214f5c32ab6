package dev.guildhall.media.rtp;

import java.util.Arrays;

/**
 * One datagram's bytes with room to grow (an SRTP tag is appended in place). Mutable and owned by
 * one pipeline stage at a time; a fan-out copies it per receiver.
 */
public final class Packet {

    /** Room left after the payload for the SRTP/SRTCP trailer (GCM tag, or HMAC tag plus SRTCP index). */
    public static final int TRAILER_ROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;
    /** {@link System#nanoTime()} when the datagram was read, 0 if unknown (made here, or a retransmission). */
    private long receivedNanos;

    public Packet(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** A copy of {@code len} bytes with trailer room. */
    public static Packet copyOf(byte[] src, int off, int len) {
        byte[] b = new byte[len + TRAILER_ROOM];
        System.arraycopy(src, off, b, 0, len);
        return new Packet(b, 0, len);
    }

    public Packet copy() {
        return copyOf(buffer, offset, length);
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public void setLength(int length) {
        this.length = length;
    }

    public void setOffset(int offset) {
        this.offset = offset;
    }

    public long receivedNanos() {
        return receivedNanos;
    }

    public void setReceivedNanos(long receivedNanos) {
        this.receivedNanos = receivedNanos;
    }

    public int byteAt(int i) {
        return buffer[offset + i] & 0xFF;
    }

    public void setByte(int i, int value) {
        buffer[offset + i] = (byte) value;
    }

    public int u16(int i) {
        return (byteAt(i) << 8) | byteAt(i + 1);
    }

    public long u32(int i) {
        return ((long) u16(i) << 16) | u16(i + 2);
    }

    public void putU16(int i, int v) {
        setByte(i, v >>> 8);
        setByte(i + 1, v);
    }

    public void putU32(int i, long v) {
        putU16(i, (int) (v >>> 16));
        putU16(i + 2, (int) v);
    }

    /** Makes room for {@code more} bytes after the current end. */
    public void grow(int more) {
        if (offset + length + more > buffer.length) {
            buffer = Arrays.copyOfRange(buffer, offset, offset + length + Math.max(more, TRAILER_ROOM));
            offset = 0;
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }
}
