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

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis of one file, without the service around it: colours, orientation, the pixel cap. */
class MediaAnalyzerTest {

    private final MediaAnalyzer analyzer = new MediaAnalyzer(new MediaProperties(true, 50_000_000, 400));

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

    private static void assertNear(int actual, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((actual >> shift) & 0xff) - ((expected >> shift) & 0xff)))
                    .as(Integer.toHexString(actual) + " vs " + Integer.toHexString(expected)).isLessThan(40);
        }
    }
}
