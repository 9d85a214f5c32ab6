package dev.guildhall.media.srtp;

import dev.guildhall.media.rtp.Packet;
import org.jitsi.utils.ByteArrayBuffer;

/** Lets jitsi-srtp transform a {@link Packet} in place. */
final class PacketBuffer implements ByteArrayBuffer {

    private final Packet packet;

    PacketBuffer(Packet packet) {
        this.packet = packet;
    }

    @Override
    public byte[] getBuffer() {
        return packet.buffer();
    }

    @Override
    public int getOffset() {
        return packet.offset();
    }

    @Override
    public int getLength() {
        return packet.length();
    }

    @Override
    public void setLength(int len) {
        packet.setLength(len);
    }

    @Override
    public void setOffset(int off) {
        packet.setOffset(off);
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuf) {
        System.arraycopy(packet.buffer(), packet.offset() + off, outBuf, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        packet.grow(howMuch);
    }

    @Override
    public void append(byte[] data, int len) {
        packet.grow(len);
        System.arraycopy(data, 0, packet.buffer(), packet.offset() + packet.length(), len);
        packet.setLength(packet.length() + len);
    }

    @Override
    public void shrink(int len) {
        packet.setLength(Math.max(0, packet.length() - len));
    }
}
