package dev.guildhall.message.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import dev.guildhall.message.support.EventTap;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mp4parser.boxes.iso14496.part12.FileTypeBox;
import org.mp4parser.boxes.iso14496.part12.MovieBox;
import org.mp4parser.boxes.iso14496.part12.MovieHeaderBox;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media of attachments on the real embedded S3 store and Kafka: after a send, MESSAGE_UPDATE brings
 * size, thumbnail and placeholder of each image type, durations of videos; EXIF orientation is
 * applied and no metadata reaches a thumbnail; a decompression bomb is never decoded.
 */
class MediaTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EventTap tap;

    @Autowired
    MediaWorker worker;

    @Autowired
    MediaAnalyzer analyzer;

    @BeforeAll
    static void tap() {
        tap = new EventTap(TestInfrastructure.get().kafkaBootstrap());
    }

    @AfterAll
    static void closeTap() {
        tap.close();
    }

    @Test
    void everyImageTypeGetsAThumbnailAndAPlaceholderAfterTheSend() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        List<Object> refs = new ArrayList<>();
        refs.add(ref(upload(channel, token, "photo.jpg", "image/jpeg", jpeg(solid(1200, 800, Color.RED), false))));
        refs.add(ref(upload(channel, token, "progressive.jpg", "image/jpeg", jpeg(solid(900, 600, Color.GREEN), true))));
        refs.add(ref(upload(channel, token, "logo.png", "image/png", png(translucent(500, 250)))));
        refs.add(ref(upload(channel, token, "anim.gif", "image/gif", write(solid(300, 300, Color.BLUE), "gif"))));
        refs.add(ref(upload(channel, token, "print.jpg", "image/jpeg", cmykJpeg(800, 400))));
        var sent = api.post(messages(channel), token, Map.of("content", "pictures", "attachments", refs));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        // the send does not wait: nothing is known about the media yet
        for (JsonNode file : sent.body().path("attachments")) {
            assertThat(file.path("thumbnail").isNull()).isTrue();
            assertThat(file.path("placeholder").isNull()).isTrue();
        }
        String messageId = sent.text("message_id");

        JsonNode done = awaitUpdate(channel, messageId, files -> countThumbnails(files) == 5);
        JsonNode files = done.path("attachments");
        int[][] sizes = {{1200, 800}, {900, 600}, {500, 250}, {300, 300}, {800, 400}};
        int[] colors = {0xff0000, 0x00ff00, -1, 0x0000ff, -1};
        for (int i = 0; i < 5; i++) {
            JsonNode file = files.get(i);
            String name = file.path("filename").asString();
            assertThat(file.path("width").asInt()).as(name).isEqualTo(sizes[i][0]);
            assertThat(file.path("height").asInt()).as(name).isEqualTo(sizes[i][1]);
            JsonNode thumbnail = file.path("thumbnail");
            int tw = thumbnail.path("width").asInt();
            int th = thumbnail.path("height").asInt();
            assertThat(Math.max(tw, th)).as(name).isEqualTo(Math.min(400, Math.max(sizes[i][0], sizes[i][1])));
            // the aspect ratio is kept
            assertThat((double) tw / th).as(name).isCloseTo((double) sizes[i][0] / sizes[i][1], org.assertj.core.data.Offset.offset(0.02));
            String placeholder = file.path("placeholder").asString();
            assertThat(placeholder).as(name).hasSize(28);
            if (colors[i] >= 0) {
                assertColorNear(BlurHash.averageColor(placeholder), colors[i], name);
            }
            HttpResponse<byte[]> served = fetch(thumbnail.path("url").asString());
            assertThat(served.statusCode()).as(name).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type").orElseThrow()).as(name).isIn("image/jpeg", "image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(served.body()));
            assertThat(image.getWidth()).as(name).isEqualTo(tw);
            assertThat(image.getHeight()).as(name).isEqualTo(th);
        }
        // the translucent PNG keeps its transparency in a PNG thumbnail
        assertThat(fetch(files.get(2).path("thumbnail").path("url").asString()).headers().firstValue("Content-Type"))
                .hasValue("image/png");
        // reading the message again shows the same, with fresh links
        var read = api.get(messages(channel) + "/" + messageId, token);
        assertThat(countThumbnails(read.body().path("attachments"))).isEqualTo(5);
    }

    @Test
    void exifOrientationIsAppliedAndNoGpsReachesTheThumbnail() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        // stored 600 wide and 200 high, left red and right blue; EXIF says: turn 90° clockwise to show
        BufferedImage stored = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.BLUE);
        g.fillRect(300, 0, 300, 200);
        g.dispose();
        byte[] photo = withExif(jpeg(stored, false), 6);
        Metadata original = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
        assertThat(original.getFirstDirectoryOfType(GpsDirectory.class)).isNotNull();

        String uploadId = upload(channel, token, "turned.jpg", "image/jpeg", photo);
        var sent = api.post(messages(channel), token, Map.of("content", "", "attachments", List.of(ref(uploadId))));
        assertThat(sent.status()).isEqualTo(200);
        JsonNode file = awaitUpdate(channel, sent.text("message_id"), files -> countThumbnails(files) == 1)
                .path("attachments").get(0);

        // the size as shown, turned
        assertThat(file.path("width").asInt()).isEqualTo(200);
        assertThat(file.path("height").asInt()).isEqualTo(600);
        assertThat(file.path("thumbnail").path("width").asInt()).isEqualTo(133);
        assertThat(file.path("thumbnail").path("height").asInt()).isEqualTo(400);
        byte[] thumbnail = fetch(file.path("thumbnail").path("url").asString()).body();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(thumbnail));
        assertColorNear(shown.getRGB(66, 20) & 0xffffff, 0xff0000, "top");
        assertColorNear(shown.getRGB(66, 380) & 0xffffff, 0x0000ff, "bottom");
        Metadata served = ImageMetadataReader.readMetadata(new ByteArrayInputStream(thumbnail));
        assertThat(served.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(served.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
    }

    @Test
    void aDecompressionBombIsNeverDecoded(@TempDir Path dir) throws Exception {
        // a PNG whose header claims 60000 × 60000 pixels (14 GB decoded); its data is a few bytes
        byte[] bomb = pngHeaderOnly(60_000, 60_000);
        Path file = dir.resolve("bomb.png");
        Files.write(file, bomb);
        MediaAnalyzer.Analysis analysis = analyzer.analyze(file, "image/png");
        assertThat(analysis.outcome()).isEqualTo(MediaAnalyzer.Outcome.REFUSED);
        assertThat(analysis.thumbnail()).isNull();

        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "bomb.png", "image/png", bomb);
        var sent = api.post(messages(channel), token, Map.of("content", "boom", "attachments", List.of(ref(uploadId))));
        assertThat(sent.status()).isEqualTo(200);
        JsonNode update = awaitUpdate(channel, sent.text("message_id"), files -> true);
        JsonNode refused = update.path("attachments").get(0);
        assertThat(refused.path("width").asInt()).isEqualTo(60_000);
        assertThat(refused.path("thumbnail").isNull()).isTrue();
        assertThat(refused.path("placeholder").isNull()).isTrue();
        // the service is still well and answers
        assertThat(api.get(messages(channel) + "/" + sent.text("message_id"), token).status()).isEqualTo(200);
    }

    @Test
    void aVideoGetsItsDurationAndASecondDeliveryChangesNothing() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "clip.mp4", "video/mp4", mp4(2_500, 1_000));
        var sent = api.post(messages(channel), token, Map.of("content", "clip", "attachments", List.of(ref(uploadId))));
        assertThat(sent.status()).isEqualTo(200);
        String messageId = sent.text("message_id");
        JsonNode file = awaitUpdate(channel, messageId, files -> files.get(0).hasNonNull("duration_secs"))
                .path("attachments").get(0);
        assertThat(file.path("duration_secs").asDouble()).isEqualTo(2.5);
        assertThat(file.path("content_type").asString()).isEqualTo("video/mp4");

        // the event delivered again: already recorded, no second MESSAGE_UPDATE
        assertThat(worker.process(channel, Long.parseLong(uploadId))).isEmpty();
        Thread.sleep(500);
        assertThat(updates(channel, messageId)).hasSize(1);
    }

    @Test
    void audioAndWebmGetTheirDurationsAfterTheSendAndBrokenFilesNone() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        // name, declared type, bytes, expected seconds (null: none)
        Object[][] files = {
            {"song.mp3", "audio/mpeg", MediaFiles.mp3Xing(1_000, 20), 1_000 * MediaFiles.MP3_FRAME_SECS},
            {"beep.wav", "audio/wav", MediaFiles.wav(1_500), 1.5},
            {"take.flac", "audio/flac", MediaFiles.flac(3 * 44_100), 3.0},
            {"tune.ogg", "audio/ogg", MediaFiles.oggVorbis(2 * 44_100), 2.0},
            {"voice.opus", "audio/ogg", MediaFiles.oggOpus(312, 312 + 120_000), 2.5},
            {"voice.webm", "audio/webm", MediaFiles.resource("tone-opus.webm"), 1.95},
            {"screen.webm", "video/webm", MediaFiles.withoutDeclaredDuration(MediaFiles.resource("canvas-vp8.webm")), 1.95},
            {"cut.webm", "video/webm", java.util.Arrays.copyOf(MediaFiles.resource("canvas-vp8.webm"), 150), null},
            {"cut.opus", "audio/ogg", java.util.Arrays.copyOf(MediaFiles.oggOpus(312, 120_312), 47), null},
        };
        List<Object> refs = new ArrayList<>();
        for (Object[] file : files) {
            refs.add(ref(upload(channel, token, (String) file[0], (String) file[1], (byte[]) file[2])));
        }
        var sent = api.post(messages(channel), token, Map.of("content", "sounds", "attachments", refs));
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        String messageId = sent.text("message_id");
        // the last attachment's outcome is recorded last: then all are in
        awaitUpdate(channel, messageId, found -> found.size() == files.length && countDurations(found) == 7);
        // read again, as a client does: durations stay, and broken files are just files without one
        var read = api.get(messages(channel) + "/" + messageId, token);
        assertThat(read.status()).isEqualTo(200);
        JsonNode attachments = read.body().path("attachments");
        for (int i = 0; i < files.length; i++) {
            JsonNode file = attachments.get(i);
            String name = file.path("filename").asString();
            assertThat(name).isEqualTo(files[i][0]);
            if (files[i][3] == null) {
                assertThat(file.path("duration_secs").isNull() || file.path("duration_secs").isMissingNode()).as(name).isTrue();
            } else {
                double tolerance = name.endsWith(".webm") ? 0.3 : 0.05;
                assertThat(file.path("duration_secs").asDouble()).as(name)
                        .isCloseTo((Double) files[i][3], org.assertj.core.data.Offset.offset(tolerance));
            }
            // audio is served to play in place, whatever the worker made of it
            assertThat(fetch(file.path("url").asString()).statusCode()).as(name).isEqualTo(200);
        }
    }

    @Test
    void anH264VideoGetsAPosterAfterTheSend() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "screen.mp4", "video/mp4", MediaFiles.h264Mp4(640, 360, 10));
        var sent = api.post(messages(channel), token, Map.of("content", "look", "attachments", List.of(ref(uploadId))));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("attachments").get(0).path("thumbnail").isNull()).isTrue();
        JsonNode file = awaitUpdate(channel, sent.text("message_id"), files -> countThumbnails(files) == 1)
                .path("attachments").get(0);
        assertThat(file.path("duration_secs").asDouble()).isEqualTo(1.0);
        assertThat(file.path("width").asInt()).isEqualTo(640);
        assertThat(file.path("height").asInt()).isEqualTo(360);
        assertThat(file.path("placeholder").asString()).hasSize(28);
        // half red, half blue, averaged in linear light (BlurHash): sRGB 0xbc of each
        assertColorNear(BlurHash.averageColor(file.path("placeholder").asString()), 0xbc00bc, "red and blue");
        JsonNode thumbnail = file.path("thumbnail");
        assertThat(thumbnail.path("width").asInt()).isEqualTo(400);
        assertThat(thumbnail.path("height").asInt()).isEqualTo(225);
        HttpResponse<byte[]> served = fetch(thumbnail.path("url").asString());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage poster = ImageIO.read(new ByteArrayInputStream(served.body()));
        assertColorNear(poster.getRGB(50, 112) & 0xffffff, 0xff0000, "left");
        assertColorNear(poster.getRGB(350, 112) & 0xffffff, 0x0000ff, "right");
        // the video itself is served as uploaded, to play in place
        HttpResponse<byte[]> original = fetch(file.path("url").asString());
        assertThat(original.headers().firstValue("Content-Type")).hasValue("video/mp4");
    }

    // --- helpers ---

    private static int countDurations(JsonNode files) {
        int n = 0;
        for (JsonNode file : files) {
            n += file.hasNonNull("duration_secs") ? 1 : 0;
        }
        return n;
    }

    private interface FilesCheck {
        boolean test(JsonNode files);
    }

    private JsonNode awaitUpdate(long channel, String messageId, FilesCheck check) throws InterruptedException {
        List<EventTap.Event> found = tap.await(e -> e.key().equals(String.valueOf(channel))
                && e.type().equals("MESSAGE_UPDATE") && e.data().path("message_id").asString().equals(messageId)
                && check.test(e.data().path("attachments")), 1, Duration.ofSeconds(60));
        assertThat(found).as("MESSAGE_UPDATE of " + messageId).isNotEmpty();
        return found.get(found.size() - 1).data();
    }

    private List<EventTap.Event> updates(long channel, String messageId) throws InterruptedException {
        return tap.await(e -> e.key().equals(String.valueOf(channel)) && e.type().equals("MESSAGE_UPDATE")
                && e.data().path("message_id").asString().equals(messageId), 0, Duration.ZERO);
    }

    private static int countThumbnails(JsonNode files) {
        int n = 0;
        for (JsonNode file : files) {
            n += file.path("thumbnail").isObject() ? 1 : 0;
        }
        return n;
    }

    private static void assertColorNear(int actual, int expected, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            assertThat(Math.abs(((actual >> shift) & 0xff) - ((expected >> shift) & 0xff)))
                    .as(what + ": " + Integer.toHexString(actual) + " vs " + Integer.toHexString(expected))
                    .isLessThan(40);
        }
    }

    private static Map<String, Object> ref(String uploadId) {
        return Map.of("upload_id", uploadId);
    }

    private String upload(long channel, String token, String filename, String type, byte[] bytes) throws Exception {
        var reserved = api.post("/api/v1/channels/" + channel + "/attachments", token, Map.of("files", List.of(
                Map.of("filename", filename, "size", bytes.length, "content_type", type))));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);
        JsonNode upload = reserved.body().get(0);
        HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(local(upload.path("upload_url").asString()))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isEqualTo(200);
        return upload.path("upload_id").asString();
    }

    private HttpResponse<byte[]> fetch(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(local(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A link names the gateway; the test asks the service under test for the same path and query. */
    private URI local(String url) {
        URI uri = URI.create(url);
        return URI.create("http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery());
    }

    // --- test files, made here ---

    static BufferedImage solid(int w, int h, Color color) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    static BufferedImage translucent(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 128, 0, 120));
        g.fillOval(0, 0, w, h);
        g.dispose();
        return image;
    }

    static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    static byte[] png(BufferedImage image) throws IOException {
        return write(image, "png");
    }

    static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A four-channel (CMYK) JPEG, as print workflows make them: the JDK's own reader cannot read it. */
    static byte[] cmykJpeg(int w, int h) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, new int[] {x * 255 / w, y * 255 / h, 40, 0});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JPEG with an EXIF segment: this orientation and a GPS latitude reference. */
    static byte[] withExif(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(64);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        // IFD0: orientation, and where the GPS IFD is
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        tiff.putInt(0);
        // GPS IFD at 38: GPSLatitudeRef "N"
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
        tiff.putInt(0);
        int tiffLength = tiff.position();
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int segmentLength = 2 + exifHeader.length + tiffLength;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(segmentLength >> 8);
        out.write(segmentLength & 0xff);
        out.writeBytes(exifHeader);
        out.write(tiff.array(), 0, tiffLength);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG that claims these dimensions but carries almost no data. */
    static byte[] pngHeaderOnly(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** An MP4 of the given duration: a file-type box and a movie header, as isoparser writes them. */
    static byte[] mp4(long duration, long timescale) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(out);
        new FileTypeBox("isom", 512, List.of("isom", "iso2", "mp41")).getBox(channel);
        MovieBox movie = new MovieBox();
        MovieHeaderBox header = new MovieHeaderBox();
        header.setTimescale(timescale);
        header.setDuration(duration);
        header.setNextTrackId(1);
        header.setCreationTime(new java.util.Date());
        header.setModificationTime(new java.util.Date());
        movie.addBox(header);
        movie.getBox(channel);
        return out.toByteArray();
    }
}
