package dev.guildhall.message.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The duration of an Ogg Opus file (RFC 7845), which jaudiotagger does not read (ADR 255): the
 * identification header on the first page gives the pre-skip, the last page of the same stream
 * gives the granule position in 48 kHz samples; the duration is their difference over 48 000.
 * Reads the first page and the last two pages' worth of bytes at most; a page counts only when it
 * is complete and its CRC matches, so bytes that merely look like a page header are not taken.
 */
final class OggOpusDuration {

    /** The largest Ogg page: a 27-byte header, 255 lacing values, 255 segments of 255 bytes. */
    static final int MAX_PAGE = 27 + 255 + 255 * 255;

    private static final byte[] CAPTURE = "OggS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPUS_HEAD = "OpusHead".getBytes(StandardCharsets.US_ASCII);
    private static final int[] CRC_TABLE = crcTable();

    private OggOpusDuration() {
    }

    /** Whether the file's first page starts an Opus stream. */
    static boolean isOpus(Path file) throws IOException {
        try (BoundedReader reader = new BoundedReader(file, MAX_PAGE)) {
            ByteBuffer head = reader.readUpTo(0, MAX_PAGE).order(ByteOrder.LITTLE_ENDIAN);
            return opusHeadAt(head) >= 0;
        }
    }

    /** Seconds, or null when the file is not a readable Ogg Opus stream. */
    static Double seconds(Path file) throws IOException {
        try (BoundedReader reader = new BoundedReader(file, 3L * MAX_PAGE)) {
            ByteBuffer head = reader.readUpTo(0, MAX_PAGE).order(ByteOrder.LITTLE_ENDIAN);
            int packet = opusHeadAt(head);
            if (packet < 0 || pageLength(head, 0) < 0) {
                return null;
            }
            int serial = head.getInt(14);
            int preSkip = Short.toUnsignedInt(head.getShort(packet + 10));
            int tailLength = (int) Math.min(reader.size(), 2L * MAX_PAGE);
            ByteBuffer tail = reader.read(reader.size() - tailLength, tailLength).order(ByteOrder.LITTLE_ENDIAN);
            // the last complete page of this stream whose granule position is set (−1: no packet ends on it)
            for (int at = tailLength - 27; at >= 0; at--) {
                if (startsWith(tail, at, CAPTURE) && tail.get(at + 4) == 0 && tail.getInt(at + 14) == serial
                        && pageLength(tail, at) > 0) {
                    long granule = tail.getLong(at + 6);
                    if (granule != -1) {
                        return granule < preSkip ? null : (granule - preSkip) / 48_000.0;
                    }
                }
            }
            return null;
        }
    }

    /** Where the OpusHead packet of the first page starts, or −1. */
    private static int opusHeadAt(ByteBuffer head) {
        if (head.limit() < 28 || !startsWith(head, 0, CAPTURE) || head.get(4) != 0) {
            return -1;
        }
        int packet = 27 + (head.get(26) & 0xff);
        return head.limit() >= packet + 19 && startsWith(head, packet, OPUS_HEAD) ? packet : -1;
    }

    /** The length of the complete, CRC-checked page at {@code at}, or −1. */
    static int pageLength(ByteBuffer buffer, int at) {
        if (at + 27 > buffer.limit()) {
            return -1;
        }
        int segments = buffer.get(at + 26) & 0xff;
        if (at + 27 + segments > buffer.limit()) {
            return -1;
        }
        int length = 27 + segments;
        for (int i = 0; i < segments; i++) {
            length += buffer.get(at + 27 + i) & 0xff;
        }
        if (at + length > buffer.limit()) {
            return -1;
        }
        int crc = 0;
        for (int i = 0; i < length; i++) {
            // the checksum field (bytes 22–25) counts as zeros
            int b = i >= 22 && i < 26 ? 0 : buffer.get(at + i) & 0xff;
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        return crc == buffer.getInt(at + 22) ? length : -1;
    }

    private static boolean startsWith(ByteBuffer buffer, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > buffer.limit()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, initial value 0. */
    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
