package dev.guildhall.message.media;

import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Avatars and icons on the real embedded store: reserve, PUT, claim once, square crops served by signed links. */
class ImageUploadsTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @org.springframework.beans.factory.annotation.Autowired
    dev.guildhall.message.attachment.ObjectStore store;

    @org.springframework.beans.factory.annotation.Autowired
    ImageUploadSweeper sweeper;

    private static final Map<String, String> INTERNAL = Map.of("X-Guildhall-Internal-Token", StubServices.INTERNAL_TOKEN);

    @Test
    void anAvatarBecomesSquareCropsAtFourSizes() throws Exception {
        long user = stub.user();
        String token = stub.token(user);
        // 900 × 300: a red square in the middle between blue sides; the crop is the middle
        BufferedImage wide = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 900, 300);
        g.setColor(Color.RED);
        g.fillRect(300, 0, 300, 300);
        g.dispose();
        byte[] jpeg = MediaTest.jpeg(wide, false);
        String uploadId = upload(token, "me.jpg", "image/jpeg", "avatar", jpeg);

        // another user cannot claim it, nor can it become an icon
        assertThat(claim(uploadId, stub.user(), "avatar").code()).isEqualTo("UNKNOWN_UPLOAD");
        assertThat(claim(uploadId, user, "icon").code()).isEqualTo("UNKNOWN_UPLOAD");

        var claimed = claim(uploadId, user, "avatar");
        assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
        JsonNode urls = claimed.body().path("urls");
        assertThat(claimed.text("url")).isEqualTo(urls.path("256").asString());
        for (int side : new int[] {64, 128, 256, 512}) {
            String url = urls.path(String.valueOf(side)).asString();
            assertThat(url).contains("/attachments/" + user + "/").contains("/" + side + ".png?ex=");
            HttpResponse<byte[]> served = fetch(url);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(served.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
            BufferedImage crop = ImageIO.read(new ByteArrayInputStream(served.body()));
            assertThat(crop.getWidth()).isEqualTo(side);
            assertThat(crop.getHeight()).isEqualTo(side);
            // all of it is the red middle: no blue from the sides
            int corner = crop.getRGB(1, 1);
            assertThat((corner >> 16) & 0xff).isGreaterThan(200);
            assertThat(corner & 0xff).isLessThan(60);
        }
        // a retried PATCH claims again: the same crops, not new ones
        assertThat(claim(uploadId, user, "avatar").text("url")).isEqualTo(claimed.text("url"));
        // the original is not kept once its crops exist
        assertThat(store.head("attachments/" + user + "/" + uploadId + "/me.jpg")).isEmpty();
    }

    @Test
    void anUploadNeverClaimedExpiresAndItsObjectIsDeleted() throws Exception {
        long user = stub.user();
        String token = stub.token(user);
        String uploadId = upload(token, "late.png", "image/png", "avatar", MediaTest.png(MediaTest.solid(10, 10, Color.RED)));
        String key = "attachments/" + user + "/" + uploadId + "/late.png";
        assertThat(store.head(key)).isPresent();
        assertThat(sweeper.sweep(java.time.Instant.now())).as("not expired yet").isZero();

        assertThat(sweeper.sweep(java.time.Instant.now().plus(java.time.Duration.ofHours(25)))).isGreaterThanOrEqualTo(1);
        assertThat(store.head(key)).isEmpty();
        assertThat(claim(uploadId, user, "avatar").code()).isEqualTo("UNKNOWN_UPLOAD");
    }

    @Test
    void onlyImagesWithinTheLimitsAreTaken() throws Exception {
        long user = stub.user();
        String token = stub.token(user);
        assertThat(api.post("/api/v1/uploads", token, Map.of("filename", "a.png", "size", 10, "content_type", "image/png",
                "purpose", "banner")).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/uploads", token, Map.of("filename", "a.pdf", "size", 10,
                "content_type", "application/pdf", "purpose", "avatar")).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post("/api/v1/uploads", token, Map.of("filename", "a.png", "size", 11L * 1024 * 1024,
                "content_type", "image/png", "purpose", "icon")).status()).isEqualTo(413);

        // declared a PNG, is text: refused at the claim
        String text = upload(token, "icon.png", "image/png", "icon", "not an image at all".getBytes());
        var refused = claim(text, user, "icon");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("ATTACHMENT_TYPE_MISMATCH");

        // a decompression bomb: refused from its header
        String bomb = upload(token, "bomb.png", "image/png", "icon", MediaTest.pngHeaderOnly(60_000, 60_000));
        var bombed = claim(bomb, user, "icon");
        assertThat(bombed.status()).isEqualTo(400);
        assertThat(bombed.code()).isEqualTo("VALIDATION_FAILED");
    }

    private String upload(String token, String filename, String type, String purpose, byte[] bytes) throws Exception {
        var reserved = api.post("/api/v1/uploads", token, Map.of("filename", filename, "size", bytes.length,
                "content_type", type, "purpose", purpose));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);
        assertThat(reserved.text("expires_at")).isNotBlank();
        HttpResponse<byte[]> put = HTTP.send(HttpRequest.newBuilder(local(reserved.text("upload_url")))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isEqualTo(200);
        return reserved.text("upload_id");
    }

    private dev.guildhall.message.support.Api.Response claim(String uploadId, long user, String purpose) {
        return api.send("POST", "/internal/uploads/" + uploadId + "/claim", null,
                Map.of("user_id", String.valueOf(user), "purpose", purpose), INTERNAL);
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(local(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI local(String url) {
        URI uri = URI.create(url);
        return URI.create("http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery());
    }
}
