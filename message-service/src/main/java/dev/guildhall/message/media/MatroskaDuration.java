package dev.guildhall.message.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The duration of a WebM/Matroska file, which no maintained Java library we may use reads (ADR 255):
 * {@code Segment/Info/Duration × TimecodeScale} where the muxer wrote it; otherwise (live recordings,
 * unknown-size segments and clusters) the timestamp of the last block, found by walking element
 * headers and skipping their bodies. Only headers and a few bytes of each block are read, within a
 * budget of a few MiB; a size that runs past the end of the file or a walk over the budget gives no
 * duration.
 */
final class MatroskaDuration {

    /** Bytes read at most from one file. */
    static final long BUDGET = 4L * 1024 * 1024;

    private static final long EBML = 0x1A45DFA3L;
    private static final long SEGMENT = 0x18538067L;
    private static final long INFO = 0x1549A966L;
    private static final long TIMECODE_SCALE = 0x2AD7B1L;
    private static final long DURATION = 0x4489L;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TIMECODE = 0xE7L;
    private static final long BLOCK_GROUP = 0xA0L;
    private static final long BLOCK = 0xA1L;
    private static final long SIMPLE_BLOCK = 0xA3L;
    private static final long BLOCK_DURATION = 0x9BL;
    /** A size whose value bits are all ones: "unknown", the element runs to the end of its parent. */
    private static final long UNKNOWN = -1;
    /** Ten days: a longer duration is not believed. */
    private static final double MAX_SECONDS = 10 * 24 * 3600.0;

    private MatroskaDuration() {
    }

    private record Header(long id, long size, long dataStart) {
        long end() {
            return dataStart + size;
        }
    }

    /** Seconds, or null when the file is not a Matroska file or its duration cannot be found. */
    static Double seconds(Path file) throws IOException {
        try (BoundedReader reader = new BoundedReader(file, BUDGET)) {
            Header ebml = header(reader, 0);
            if (ebml == null || ebml.id() != EBML || ebml.size() == UNKNOWN || ebml.end() > reader.size()) {
                return null;
            }
            Header segment = header(reader, ebml.end());
            if (segment == null || segment.id() != SEGMENT) {
                return null;
            }
            long end = segment.size() == UNKNOWN ? reader.size() : segment.end();
            if (end > reader.size()) {
                return null; // truncated
            }
            long scale = 1_000_000;
            Double declared = null;
            // the last block's time, in scale units, for files whose Info carries no duration
            long clusterTime = 0;
            long lastBlock = -1;
            long blockDuration = 0;
            long at = segment.dataStart();
            while (at < end) {
                Header element = header(reader, at);
                if (element == null) {
                    return null;
                }
                boolean unknown = element.size() == UNKNOWN;
                if (!unknown && element.end() > end) {
                    return null; // runs past its parent: truncated or corrupt
                }
                if (element.id() == INFO && !unknown) {
                    for (long child = element.dataStart(); child < element.end(); ) {
                        Header field = header(reader, child);
                        if (field == null || field.size() == UNKNOWN || field.end() > element.end()) {
                            return null;
                        }
                        if (field.id() == TIMECODE_SCALE) {
                            scale = unsigned(reader, field);
                        } else if (field.id() == DURATION) {
                            declared = number(reader, field);
                        }
                        child = field.end();
                    }
                    if (declared != null) {
                        return checked(declared * scale / 1e9);
                    }
                    at = element.end();
                } else if (element.id() == CLUSTER || element.id() == BLOCK_GROUP) {
                    at = element.dataStart(); // walk into it: its children follow in the same stream
                } else if (unknown) {
                    return null; // only clusters and the segment may have no size here
                } else {
                    if (element.id() == TIMECODE) {
                        clusterTime = unsigned(reader, element);
                    } else if (element.id() == SIMPLE_BLOCK || element.id() == BLOCK) {
                        long time = clusterTime + blockTime(reader, element);
                        if (time >= lastBlock) {
                            lastBlock = time;
                            blockDuration = 0;
                        }
                    } else if (element.id() == BLOCK_DURATION && lastBlock >= 0) {
                        blockDuration = unsigned(reader, element);
                    }
                    at = element.end();
                }
            }
            return lastBlock < 0 ? null : checked((double) (lastBlock + blockDuration) * scale / 1e9);
        } catch (BoundedReader.OverBudget | java.io.EOFException e) {
            return null;
        }
    }

    private static Double checked(double seconds) {
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_SECONDS ? seconds : null;
    }

    /** The element header at {@code at}: an ID of 1–4 bytes and a size of 1–8 bytes; null when malformed. */
    private static Header header(BoundedReader reader, long at) throws IOException {
        ByteBuffer bytes = reader.readUpTo(at, 12);
        if (bytes.remaining() < 2) {
            return null;
        }
        int first = bytes.get(0) & 0xff;
        int idLength = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || idLength > 4 || bytes.remaining() < idLength + 1) {
            return null;
        }
        long id = 0;
        for (int i = 0; i < idLength; i++) {
            id = (id << 8) | (bytes.get(i) & 0xff);
        }
        int sizeFirst = bytes.get(idLength) & 0xff;
        int sizeLength = Integer.numberOfLeadingZeros(sizeFirst) - 23;
        if (sizeFirst == 0 || bytes.remaining() < idLength + sizeLength) {
            return null;
        }
        long size = sizeFirst & (0xff >> sizeLength);
        boolean allOnes = size == (0xff >> sizeLength);
        for (int i = 1; i < sizeLength; i++) {
            int b = bytes.get(idLength + i) & 0xff;
            allOnes &= b == 0xff;
            size = (size << 8) | b;
        }
        if (size < 0) {
            return null;
        }
        return new Header(id, allOnes ? UNKNOWN : size, at + idLength + sizeLength);
    }

    private static long unsigned(BoundedReader reader, Header element) throws IOException {
        if (element.size() < 1 || element.size() > 8) {
            throw new java.io.EOFException("integer of " + element.size() + " bytes");
        }
        ByteBuffer bytes = reader.read(element.dataStart(), (int) element.size());
        long value = 0;
        while (bytes.hasRemaining()) {
            value = (value << 8) | (bytes.get() & 0xff);
        }
        if (value < 0) {
            throw new java.io.EOFException("integer out of range");
        }
        return value;
    }

    private static Double number(BoundedReader reader, Header element) throws IOException {
        if (element.size() == 4) {
            return (double) reader.read(element.dataStart(), 4).getFloat();
        }
        if (element.size() == 8) {
            return reader.read(element.dataStart(), 8).getDouble();
        }
        return null;
    }

    /** A block's time relative to its cluster: a signed 16-bit value after the track number. */
    private static long blockTime(BoundedReader reader, Header block) throws IOException {
        ByteBuffer bytes = reader.read(block.dataStart(), (int) Math.min(block.size(), 10));
        int first = bytes.get(0) & 0xff;
        int trackLength = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || bytes.remaining() < trackLength + 2) {
            throw new java.io.EOFException("block header");
        }
        return bytes.getShort(trackLength);
    }
}
