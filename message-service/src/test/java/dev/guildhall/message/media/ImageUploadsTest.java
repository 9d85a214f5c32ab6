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

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aReplacedAvatarsCropsLeaveTheStoreOnceAndOnlyForItsOwnSignedLink() throws Exception {
        long user = stub.user();
        String token = stub.token(user);
        String uploadId = upload(token, "old.png", "image/png", "avatar", MediaTest.png(MediaTest.solid(80, 80, Color.RED)));
        var claimed = claim(uploadId, user, "avatar");
        assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
        String url = claimed.text("url");
        assertThat(fetch(url).statusCode()).isEqualTo(200);
        double before = meters.counter("guildhall.images.replaced.objects").count();

        // a link with a forged signature, or released as the wrong purpose: nothing is deleted
        assertThat(release(url.replaceAll("hm=[0-9a-f]{4}", "hm=0000"), "avatar")).isZero();
        assertThat(release(url, "icon")).isZero();
        assertThat(fetch(url).statusCode()).isEqualTo(200);

        assertThat(release(url, "avatar")).isEqualTo(4);
        for (String side : new String[] {"64", "128", "256", "512"}) {
            assertThat(fetch(claimed.body().path("urls").path(side).asString()).statusCode()).isEqualTo(404);
        }
        assertThat(meters.counter("guildhall.images.replaced.objects").count() - before).isEqualTo(4.0);
        // once: a second release deletes nothing, and the upload cannot be claimed (shown) again
        assertThat(release(url, "avatar")).isZero();
        assertThat(claim(uploadId, user, "avatar").code()).isEqualTo("UNKNOWN_UPLOAD");
    }

    @Test
    void theUploaderCancelsAnUnclaimedImageUploadAndItsObjectGoesAtOnce() throws Exception {
        long user = stub.user();
        String token = stub.token(user);
        String uploadId = upload(token, "gone.png", "image/png", "avatar", MediaTest.png(MediaTest.solid(10, 10, Color.RED)));
        String key = "attachments/" + user + "/" + uploadId + "/gone.png";
        assertThat(store.head(key)).isPresent();
        assertThat(api.delete("/api/v1/uploads/" + uploadId, stub.token(stub.user())).status()).isEqualTo(404);
        assertThat(store.head(key)).isPresent();

        assertThat(api.delete("/api/v1/uploads/" + uploadId, token).status()).isEqualTo(204);
        assertThat(store.head(key)).isEmpty();
        assertThat(claim(uploadId, user, "avatar").code()).isEqualTo("UNKNOWN_UPLOAD");
        // a claimed one is an avatar now, not an upload to cancel
        String claimed = upload(token, "kept.png", "image/png", "avatar", MediaTest.png(MediaTest.solid(10, 10, Color.RED)));
        assertThat(claim(claimed, user, "avatar").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/uploads/" + claimed, token).status()).isEqualTo(404);
    }

    private long release(String url, String purpose) {
        var released = api.send("POST", "/internal/uploads/release", null, Map.of("url", url, "purpose", purpose), INTERNAL);
        assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
        return released.body().path("objects_deleted").asLong();
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
