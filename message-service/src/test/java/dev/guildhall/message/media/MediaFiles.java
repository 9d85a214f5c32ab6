package dev.guildhall.message.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Audio and video files made by the tests, byte by byte after the formats' specifications, with
 * durations the tests know; and the Chromium recordings in {@code src/test/resources/media}.
 */
final class MediaFiles {

    private MediaFiles() {
    }

    static byte[] resource(String name) {
        try (InputStream in = MediaFiles.class.getResourceAsStream("/media/" + name)) {
            return in.readAllBytes(); // how they were made: src/test/resources/media/README.md
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 16-bit mono PCM at 8 kHz: {@code millis} of a quiet sawtooth. */
    static byte[] wav(int millis) {
        int samples = 8 * millis;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + 2 * samples).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) ((i % 80) * 50));
        }
        return b.array();
    }

    /** The MPEG-1 Layer III header of a 128 kbit/s, 44.1 kHz stereo frame: 417 bytes, 1152 samples. */
    private static final byte[] MP3_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00};
    static final int MP3_FRAME = 417;
    static final double MP3_FRAME_SECS = 1152 / 44100.0;

    /** {@code frames} constant-bit-rate frames (silent payload). */
    static byte[] mp3Cbr(int frames) {
        ByteBuffer b = ByteBuffer.allocate(frames * MP3_FRAME);
        for (int i = 0; i < frames; i++) {
            b.position(i * MP3_FRAME);
            b.put(MP3_HEADER);
        }
        return b.array();
    }

    /**
     * A variable-bit-rate file as LAME writes it: a first frame carrying a Xing header that counts
     * {@code declaredFrames}, then {@code frames} audio frames.
     */
    static byte[] mp3Xing(int declaredFrames, int frames) {
        byte[] bytes = mp3Cbr(frames + 1);
        // after the 4-byte header and 32 bytes of side information (MPEG-1, stereo)
        ByteBuffer.wrap(bytes, 36, 16).put(ascii("Xing")).putInt(0x1).putInt(declaredFrames);
        return bytes;
    }

    /** The same with a Fraunhofer VBRI header (always 32 bytes after the frame header). */
    static byte[] mp3Vbri(int declaredFrames, int frames) {
        byte[] bytes = mp3Cbr(frames + 1);
        ByteBuffer.wrap(bytes, 36, 26).put(ascii("VBRI")).putShort((short) 1).putShort((short) 0)
                .putShort((short) 75).putInt(bytes.length).putInt(declaredFrames)
                .putShort((short) 0).putShort((short) 1).putShort((short) 2).putShort((short) 1);
        return bytes;
    }

    /** A FLAC stream whose STREAMINFO says {@code samples} at 44.1 kHz, followed by some frame bytes. */
    static byte[] flac(long samples) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 34 + 2000);
        b.put(ascii("fLaC"));
        b.put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34); // last block, STREAMINFO, 34 bytes
        b.putShort((short) 4096).putShort((short) 4096);
        b.put(new byte[] {0, 0, 16}).put(new byte[] {0, 0x40, 0});
        // 20 bits sample rate, 3 bits channels − 1, 5 bits bits per sample − 1, 36 bits total samples
        long packed = (44100L << 44) | (1L << 41) | (15L << 36) | (samples & 0xFFFFFFFFFL);
        b.putLong(packed);
        b.put(new byte[16]); // MD5 of nothing in particular
        b.put((byte) 0xFF).put((byte) 0xF8);
        return b.array();
    }

    /** Ogg Vorbis, 44.1 kHz mono: identification, comment and setup headers, then one audio page ending at {@code samples}. */
    static byte[] oggVorbis(long samples) {
        ByteBuffer ident = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        ident.put((byte) 1).put(ascii("vorbis")).putInt(0).put((byte) 1).putInt(44100).putInt(0).putInt(64000)
                .putInt(0).put((byte) 0xB8).put((byte) 1);
        byte[] vendor = ascii("guildhall test");
        ByteBuffer comment = ByteBuffer.allocate(7 + 4 + vendor.length + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        comment.put((byte) 3).put(ascii("vorbis")).putInt(vendor.length).put(vendor).putInt(0).put((byte) 1);
        ByteBuffer setup = ByteBuffer.allocate(7 + 40);
        setup.put((byte) 5).put(ascii("vorbis"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int serial = 0x5eed;
        out.writeBytes(oggPage(0x02, 0, serial, 0, ident.array()));
        out.writeBytes(oggPage(0x00, 0, serial, 1, comment.array(), setup.array()));
        out.writeBytes(oggPage(0x04, samples, serial, 2, new byte[300]));
        return out.toByteArray();
    }

    /** Ogg Opus (RFC 7845): OpusHead with {@code preSkip}, OpusTags, then audio pages ending at granule {@code lastGranule}. */
    static byte[] oggOpus(int preSkip, long lastGranule) {
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("OpusHead")).put((byte) 1).put((byte) 1).putShort((short) preSkip).putInt(48000)
                .putShort((short) 0).put((byte) 0);
        byte[] vendor = ascii("guildhall test");
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put(ascii("OpusTags")).putInt(vendor.length).put(vendor).putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int serial = 0x0b05;
        out.writeBytes(oggPage(0x02, 0, serial, 0, head.array()));
        out.writeBytes(oggPage(0x00, 0, serial, 1, tags.array()));
        out.writeBytes(oggPage(0x00, lastGranule / 2, serial, 2, new byte[200], new byte[200]));
        out.writeBytes(oggPage(0x04, lastGranule, serial, 3, new byte[200]));
        return out.toByteArray();
    }

    /** One Ogg page holding whole packets (each under 255 × 255 bytes), with its CRC. */
    static byte[] oggPage(int flags, long granule, int serial, int sequence, byte[]... packets) {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            int left = packet.length;
            while (left >= 255) {
                lacing.write(255);
                left -= 255;
            }
            lacing.write(left);
            body.writeBytes(packet);
        }
        ByteBuffer page = ByteBuffer.allocate(27 + lacing.size() + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        page.put(ascii("OggS")).put((byte) 0).put((byte) flags).putLong(granule).putInt(serial).putInt(sequence)
                .putInt(0).put((byte) lacing.size()).put(lacing.toByteArray()).put(body.toByteArray());
        page.putInt(22, oggCrc(page.array()));
        return page.array();
    }

    /** CRC-32 with polynomial 0x04C11DB7, bit by bit (RFC 3533 section 6). */
    private static int oggCrc(byte[] bytes) {
        int crc = 0;
        for (byte value : bytes) {
            crc ^= (value & 0xff) << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }

    /** A minimal WebM: EBML header, a Segment whose Info says {@code millis} at the default TimecodeScale. */
    static byte[] webm(double millis) {
        byte[] docType = element(0x4282, ascii("webm"));
        byte[] ebml = element(0x1A45DFA3, concat(element(0x4286, new byte[] {1}), docType));
        byte[] scale = element(0x2AD7B1, new byte[] {0x0F, 0x42, 0x40});
        byte[] duration = element(0x4489, ByteBuffer.allocate(8).putDouble(millis).array());
        byte[] info = element(0x1549A966, concat(scale, duration));
        byte[] tracks = element(0x1654AE6B, new byte[20]);
        return concat(ebml, element(0x18538067, concat(info, tracks)));
    }

    /**
     * The WebM with its Info/Duration overwritten by a Void element of the same length, as live
     * recorders leave it: the duration has to come from the blocks.
     */
    static byte[] withoutDeclaredDuration(byte[] webm) {
        byte[] copy = webm.clone();
        for (int i = 0; i + 3 < copy.length; i++) {
            // Duration (0x4489) with a one-byte size of 4 or 8
            if ((copy[i] & 0xff) == 0x44 && (copy[i + 1] & 0xff) == 0x89
                    && ((copy[i + 2] & 0xff) == 0x84 || (copy[i + 2] & 0xff) == 0x88)) {
                int length = 3 + (copy[i + 2] & 0x0f);
                copy[i] = (byte) 0xEC;
                copy[i + 1] = (byte) (0x80 | (length - 2));
                java.util.Arrays.fill(copy, i + 2, i + length, (byte) 0);
                return copy;
            }
        }
        throw new IllegalArgumentException("no Duration element");
    }

    private static byte[] element(long id, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int idLength = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = idLength - 1; i >= 0; i--) {
            out.write((int) (id >> (8 * i)));
        }
        // an eight-byte size, as some muxers write them
        out.write(0x01);
        for (int i = 6; i >= 0; i--) {
            out.write((int) ((long) data.length >> (8 * i)));
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * An H.264 MP4 made by JCodec's encoder: {@code frames} frames at 10 per second of a picture whose
     * left half is red and right half blue.
     */
    static byte[] h264Mp4(int width, int height, int frames) {
        try {
            java.io.File file = java.io.File.createTempFile("guildhall-test-", ".mp4");
            try {
                org.jcodec.api.awt.AWTSequenceEncoder encoder = org.jcodec.api.awt.AWTSequenceEncoder.createSequenceEncoder(file, 10);
                java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(width, height,
                        java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
                java.awt.Graphics2D g = picture.createGraphics();
                g.setColor(java.awt.Color.RED);
                g.fillRect(0, 0, width / 2, height);
                g.setColor(java.awt.Color.BLUE);
                g.fillRect(width / 2, 0, width - width / 2, height);
                g.dispose();
                for (int i = 0; i < frames; i++) {
                    encoder.encodeImage(picture);
                }
                encoder.finish();
                return java.nio.file.Files.readAllBytes(file.toPath());
            } finally {
                java.nio.file.Files.deleteIfExists(file.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
