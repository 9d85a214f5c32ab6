package dev.guildhall.message.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis of one file, without the service around it: colours, orientation, the pixel cap. */
class MediaAnalyzerTest {

    private final MediaAnalyzer analyzer = new MediaAnalyzer(new MediaProperties(true, 50_000_000, 400, java.time.Duration.ofSeconds(5)));

    @TempDir
    Path dir;

    private MediaAnalyzer.Analysis analyze(byte[] bytes, String type) throws IOException {
        Path file = Files.createTempFile(dir, "media", ".bin");
        Files.write(file, bytes);
        return analyzer.analyze(file, type);
    }

    private static int center(MediaAnalyzer.Thumbnail thumbnail) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        return image.getRGB(image.getWidth() / 2, image.getHeight() / 2) & 0xffffff;
    }

    @Test
    void aGifKeepsItsColours() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaTest.write(MediaTest.solid(300, 300, Color.BLUE), "gif"), "image/gif");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.thumbnail().width()).isEqualTo(300);
        assertNear(center(analysis.thumbnail()), 0x0000ff);
        assertNear(BlurHash.averageColor(analysis.placeholder()), 0x0000ff);
    }

    @Test
    void aWebpIsRead() throws IOException {
        byte[] webp;
        try (var in = MediaAnalyzerTest.class.getResourceAsStream("/media/red-blue.webp")) {
            webp = in.readAllBytes(); // made by Chromium: see src/test/resources/media/README.md
        }
        MediaAnalyzer.Analysis analysis = analyze(webp, "image/webp");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.width()).isEqualTo(120);
        assertThat(analysis.height()).isEqualTo(80);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(analysis.thumbnail().bytes()));
        assertThat(thumbnail.getWidth()).isEqualTo(120);
        // lossy: the halves' colours within the tolerance of the other checks
        assertNear(thumbnail.getRGB(15, 40) & 0xffffff, 0xff0000);
        assertNear(thumbnail.getRGB(105, 40) & 0xffffff, 0x0000ff);
        assertThat(analysis.placeholder()).isNotBlank();
    }

    @Test
    void aCmykJpegIsRead() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaTest.cmykJpeg(800, 400), "image/jpeg");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.width()).isEqualTo(800);
        assertThat(analysis.thumbnail().width()).isEqualTo(400);
        assertThat(analysis.thumbnail().height()).isEqualTo(200);
    }

    @Test
    void aLargeJpegIsScaledToTheThumbnailSize() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaTest.jpeg(MediaTest.solid(4000, 3000, Color.RED), true), "image/jpeg");
        assertThat(analysis.width()).isEqualTo(4000);
        assertThat(analysis.thumbnail().width()).isEqualTo(400);
        assertThat(analysis.thumbnail().height()).isEqualTo(300);
        assertNear(center(analysis.thumbnail()), 0xff0000);
        assertThat(analysis.placeholder()).hasSize(28);
    }

    @Test
    void everyExifOrientationShowsTheImageUpright() {
        // stored: a 4 × 2 image whose top-left pixel is red
        BufferedImage stored = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, 0xff0000);
        // where the stored top-left pixel ends up for each orientation (EXIF 2.32, 4.6.4 A)
        int[][] corner = {null, {0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage shown = MediaAnalyzer.orient(stored, orientation);
            boolean turned = orientation >= 5;
            assertThat(shown.getWidth()).as("orientation " + orientation).isEqualTo(turned ? 2 : 4);
            assertThat(shown.getRGB(corner[orientation][0], corner[orientation][1]) & 0xffffff)
                    .as("orientation " + orientation).isEqualTo(0xff0000);
        }
    }

    @Test
    void aBombIsRefusedFromItsHeader() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaTest.pngHeaderOnly(60_000, 60_000), "image/png");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.REFUSED);
        assertThat(analysis.width()).isEqualTo(60_000);
        assertThat(analysis.thumbnail()).isNull();
    }

    @Test
    void anMp4HasItsDuration() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaTest.mp4(90_090, 30_000), "video/mp4");
        assertThat(analysis.durationSecs()).isEqualTo(3.003);
    }

    @Test
    void audioOfEveryCommonFormatHasItsDuration() throws IOException {
        assertDuration(MediaFiles.wav(1_500), "audio/vnd.wave", 1.5);
        assertDuration(MediaFiles.flac(3 * 44_100), "audio/x-flac", 3.0);
        assertDuration(MediaFiles.oggVorbis(2 * 44_100), "audio/vorbis", 2.0);
        // 48 kHz granules less the pre-skip
        assertDuration(MediaFiles.oggOpus(312, 312 + 120_000), "audio/opus", 2.5);
        // what Tika calls an Ogg file whose codec it did not name: the first page decides
        assertDuration(MediaFiles.oggOpus(312, 312 + 96_000), "audio/ogg", 2.0);
        assertDuration(MediaFiles.webm(4321.0), "video/webm", 4.321);
    }

    @Test
    void anMp3HasItsDurationFromTheBitRateOrItsVbrHeader() throws IOException {
        // constant bit rate: the size over the bit rate (frames are 417 bytes, not 417.96, hence the tolerance)
        assertDuration(MediaFiles.mp3Cbr(200), "audio/mpeg", 200 * MediaFiles.MP3_FRAME_SECS);
        // variable bit rate: the frame count the encoder wrote, not the size (the file holds 20 frames)
        assertDuration(MediaFiles.mp3Xing(1_000, 20), "audio/mpeg", 1_000 * MediaFiles.MP3_FRAME_SECS);
        assertDuration(MediaFiles.mp3Vbri(500, 20), "audio/mpeg", 500 * MediaFiles.MP3_FRAME_SECS);
    }

    @Test
    void chromiumRecordingsHaveTheirDuration() throws IOException {
        // MediaRecorder files of about 2 s (src/test/resources/media/README.md)
        double audio = analyze(MediaFiles.resource("tone-opus.webm"), "audio/webm").durationSecs();
        double video = analyze(MediaFiles.resource("canvas-vp8.webm"), "video/webm").durationSecs();
        assertThat(audio).isBetween(1.7, 2.3);
        assertThat(video).isBetween(1.7, 2.3);
        // without Info/Duration (as live recorders leave it) the last block's time says about the same
        byte[] live = MediaFiles.withoutDeclaredDuration(MediaFiles.resource("tone-opus.webm"));
        assertThat(analyze(live, "audio/webm").durationSecs()).isCloseTo(audio, org.assertj.core.data.Offset.offset(0.1));
        byte[] liveVideo = MediaFiles.withoutDeclaredDuration(MediaFiles.resource("canvas-vp8.webm"));
        assertThat(analyze(liveVideo, "video/webm").durationSecs()).isCloseTo(video, org.assertj.core.data.Offset.offset(0.15));
    }

    @Test
    void corruptOrTruncatedMediaHasNoDurationAndNoError() throws IOException {
        byte[] webm = MediaFiles.resource("tone-opus.webm");
        byte[] opus = MediaFiles.oggOpus(312, 312 + 120_000);
        byte[] firstOpusPage = java.util.Arrays.copyOf(opus, 27 + 1 + 19);
        byte[][] broken = {
            java.util.Arrays.copyOf(webm, 150), new byte[4096], firstOpusPage, java.util.Arrays.copyOf(opus, 60),
            new byte[] {(byte) 0xFF, (byte) 0xFB}, java.util.Arrays.copyOf(MediaFiles.flac(44_100), 20),
            java.util.Arrays.copyOf(MediaFiles.wav(1_000), 30), new byte[0],
        };
        for (String type : List.of("audio/mpeg", "audio/opus", "audio/vorbis", "audio/x-flac", "audio/vnd.wave",
                "video/webm")) {
            for (byte[] bytes : broken) {
                MediaAnalyzer.Analysis analysis = analyze(bytes, type);
                assertThat(analysis.durationSecs()).as(type + " of " + bytes.length + " bytes").isNull();
                assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.FAILED);
            }
        }
    }

    @Test
    void aWebmClaimingHugeSizesIsNotBelieved() throws IOException {
        // a Segment of unknown size holding one Cluster that claims 2^55 bytes: past the end, no duration
        byte[] header = java.util.HexFormat.of().parseHex("1a45dfa38442868101" + "18538067" + "01ffffffffffffff"
                + "1f43b675" + "017fffffffffffff" + "e78100");
        assertThat(analyze(header, "video/webm").durationSecs()).isNull();
        // millions of tiny elements: the read budget ends the walk
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        many.writeBytes(java.util.HexFormat.of().parseHex("1a45dfa38442868101" + "18538067" + "01ffffffffffffff"
                + "1f43b675" + "01ffffffffffffff"));
        for (int i = 0; i < 1_000_000; i++) {
            many.writeBytes(new byte[] {(byte) 0xEC, (byte) 0x80}); // empty Void elements
        }
        assertThat(analyze(many.toByteArray(), "video/webm").durationSecs()).isNull();
    }

    @Test
    void anH264VideoGetsItsFirstFrameAsPoster() throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(MediaFiles.h264Mp4(640, 360, 10), "video/mp4");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.durationSecs()).isEqualTo(1.0);
        // the picture's size, not the coded size (H.264 codes 640 × 368: whole macroblocks)
        assertThat(analysis.width()).isEqualTo(640);
        assertThat(analysis.height()).isEqualTo(360);
        assertThat(analysis.thumbnail().width()).isEqualTo(400);
        assertThat(analysis.thumbnail().height()).isEqualTo(225);
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(analysis.thumbnail().bytes()));
        assertNear(poster.getRGB(50, 112) & 0xffffff, 0xff0000);
        assertNear(poster.getRGB(350, 112) & 0xffffff, 0x0000ff);
        assertThat(analysis.placeholder()).hasSize(28);
    }

    @Test
    void aVideoOverThePixelCapOrTheTimeLimitHasNoPosterButItsDuration() throws IOException {
        byte[] video = MediaFiles.h264Mp4(640, 360, 10);
        MediaAnalyzer capped = new MediaAnalyzer(new MediaProperties(true, 640 * 360 - 1, 400, java.time.Duration.ofSeconds(5)));
        MediaAnalyzer hurried = new MediaAnalyzer(new MediaProperties(true, 50_000_000, 400, java.time.Duration.ofNanos(1)));
        for (MediaAnalyzer strict : List.of(capped, hurried)) {
            Path file = Files.createTempFile(dir, "video", ".mp4");
            Files.write(file, video);
            MediaAnalyzer.Analysis analysis = strict.analyze(file, "video/mp4");
            assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
            assertThat(analysis.durationSecs()).isEqualTo(1.0);
            assertThat(analysis.thumbnail()).isNull();
            assertThat(analysis.width()).isNull();
        }
    }

    @Test
    void aBrowserRecordedMp4GetsItsPosterFromTheFirstFragment() throws IOException {
        // fragmented, as Chromium's MediaRecorder writes MP4 (its H.264 from OpenH264): JCodec's demuxer reads no
        // fragments, so isoparser finds the first sample (ADR 256)
        MediaAnalyzer.Analysis analysis = analyze(MediaFiles.resource("canvas-h264-fragmented.mp4"), "video/mp4");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.durationSecs()).isBetween(1.7, 2.3);
        assertThat(analysis.width()).isEqualTo(64);
        assertThat(analysis.height()).isEqualTo(48);
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(analysis.thumbnail().bytes()));
        assertThat(poster.getWidth()).isEqualTo(64);
        assertNear(poster.getRGB(8, 24) & 0xffffff, 0xff0000);
        assertNear(poster.getRGB(56, 24) & 0xffffff, 0x0000ff);
        // its first sample cut short: no poster, no error, the duration still
        byte[] cut = java.util.Arrays.copyOf(MediaFiles.resource("canvas-h264-fragmented.mp4"), 1_000);
        MediaAnalyzer.Analysis broken = analyze(cut, "video/mp4");
        assertThat(broken.thumbnail()).isNull();
    }

    @Test
    void aBrokenVideoHasNoPosterAndNoError() throws IOException {
        byte[] video = MediaFiles.h264Mp4(320, 240, 5);
        // the frames cut away: the header still says how long it is
        byte[] cut = java.util.Arrays.copyOf(video, video.length / 2);
        // frame bytes overwritten: the decoder meets garbage
        byte[] garbled = video.clone();
        new java.util.Random(7).ints(40, 64, video.length / 2).forEach(i -> garbled[i] ^= 0x5a);
        for (byte[] bytes : List.of(cut, garbled, new byte[100])) {
            MediaAnalyzer.Analysis analysis = analyze(bytes, "video/mp4");
            assertThat(analysis.outcome()).isIn(MediaAnalyzer.Outcome.DONE, MediaAnalyzer.Outcome.FAILED);
        }
        // audio in an MP4 container is not decoded at all
        assertThat(analyze(MediaFiles.h264Mp4(320, 240, 5), "audio/mp4").thumbnail()).isNull();
    }

    private void assertDuration(byte[] bytes, String type, double expected) throws IOException {
        MediaAnalyzer.Analysis analysis = analyze(bytes, type);
        assertThat(analysis.outcome()).as(type).isEqualTo(MediaAnalyzer.Outcome.DONE);
        assertThat(analysis.durationSecs()).as(type).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05));
    }

    private static void assertNear(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((actual >> shift) & 0xff) - ((expected >> shift) & 0xff)))
                    .as(Integer.toHexString(actual) + " vs " + Integer.toHexString(expected)).isLessThan(40);
        }
    }
}
