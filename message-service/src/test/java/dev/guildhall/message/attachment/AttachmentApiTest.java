package dev.guildhall.message.attachment;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Attachments against the real embedded S3 store: both upload paths, the checks at send, CDN-style serving. */
class AttachmentApiTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String HTML = "<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>";
    static final String SVG = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
            + "<script>alert(1)</script></svg>";

    @Autowired
    LinkSigner signer;

    @Autowired
    OrphanSweeper sweeper;

    @Autowired
    ObjectStore store;

    @Test
    void directUploadIsServedLikeACdn() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        byte[] png = png(40, 30);

        String uploadId = upload(channel, token, "my picture.png", "image/png", png);
        var sent = api.post(messages(channel), token, Map.of("content", "look",
                "attachments", List.of(Map.of("upload_id", uploadId, "description", "a test image"))));
        assertThat(sent.status()).isEqualTo(200);
        JsonNode file = sent.body().path("attachments").get(0);
        assertThat(file.path("attachment_id").asString()).isEqualTo(uploadId);
        assertThat(file.path("filename").asString()).isEqualTo("my picture.png");
        assertThat(file.path("description").asString()).isEqualTo("a test image");
        assertThat(file.path("content_type").asString()).isEqualTo("image/png");
        assertThat(file.path("size").asLong()).isEqualTo(png.length);
        assertThat(file.path("width").asInt()).isEqualTo(40);
        assertThat(file.path("height").asInt()).isEqualTo(30);
        assertThat(file.path("spoiler").asBoolean()).isFalse();
        assertThat(file.path("thumbnail").isNull()).isTrue();
        String url = file.path("url").asString();
        assertThat(url).startsWith("http://localhost:8080/attachments/" + channel + "/" + uploadId + "/my_picture.png?ex=")
                .contains("&is=").contains("&hm=");

        // read again: the same link (issued within one granularity period), so caches keep it
        var again = api.get(messages(channel) + "/" + sent.text("message_id"), token);
        assertThat(again.body().path("attachments").get(0).path("url").asString()).isEqualTo(url);

        HttpResponse<byte[]> whole = fetch(url, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(png);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(whole.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("inline"));
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(whole.headers().firstValue("Cache-Control")).hasValueSatisfying(v ->
                assertThat(v).startsWith("public, max-age=").endsWith(", immutable"));
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");

        HttpResponse<byte[]> cached = fetch(url, Map.of("If-None-Match", etag));
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();

        HttpResponse<byte[]> part = fetch(url, Map.of("Range", "bytes=8-23"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 8-23/" + png.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(png, 8, 24));

        assertThat(fetch(url, Map.of("Range", "bytes=" + png.length + "-")).statusCode()).isEqualTo(416);

        // a link is good for its own path and expiry only
        var forged = api.get(pathOf(url).replace("&hm=", "&hm=0"), null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.code()).isEqualTo("INVALID_SIGNATURE");
        var otherPath = api.get(pathOf(url).replace("my_picture.png", "other.png"), null);
        assertThat(otherPath.code()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "a.png", "image/png", png(2, 2));
        var sent = api.post(messages(channel), token, Map.of("content", "", "attachments", List.of(Map.of("upload_id", uploadId))));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.text("content")).isEmpty();
        String path = "/attachments/" + channel + "/" + uploadId + "/a.png";
        long now = Instant.now().getEpochSecond();
        String expired = signer.sign("GET", path, now - 7200, now - 10, "");

        var answer = api.get(expired, null);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("LINK_EXPIRED");
        assertThat(fetch("http://x" + signer.sign("GET", path, now - 10, now + 60, ""), Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void htmlSvgAndXmlAreNeverShownInline() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        List<Object> refs = new ArrayList<>();
        refs.add(Map.of("upload_id", upload(channel, token, "page.html", "text/html", HTML.getBytes(StandardCharsets.UTF_8))));
        refs.add(Map.of("upload_id", upload(channel, token, "logo.svg", "image/svg+xml", SVG.getBytes(StandardCharsets.UTF_8))));
        refs.add(Map.of("upload_id", upload(channel, token, "data.xml", "application/xml",
                "<?xml version=\"1.0\"?><a><b/></a>".getBytes(StandardCharsets.UTF_8))));
        var sent = api.post(messages(channel), token, Map.of("content", "files", "attachments", refs));
        assertThat(sent.status()).isEqualTo(200);
        for (JsonNode file : sent.body().path("attachments")) {
            HttpResponse<byte[]> served = fetch(file.path("url").asString(), Map.of());
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Disposition"))
                    .as(file.path("filename").asString())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
            assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(sent.body().path("attachments").get(0).path("content_type").asString()).isEqualTo("text/html");
    }

    @Test
    void whatArrivedMustBeWhatWasDeclared() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());

        String disguised = upload(channel, token, "cat.png", "image/png", HTML.getBytes(StandardCharsets.UTF_8));
        var type = api.post(messages(channel), token, Map.of("content", "x", "attachments", List.of(Map.of("upload_id", disguised))));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.code()).isEqualTo("ATTACHMENT_TYPE_MISMATCH");

        var reserved = api.post(attachments(channel), token, Map.of("files", List.of(
                Map.of("filename", "short.bin", "size", 100, "content_type", "application/octet-stream"))));
        JsonNode upload = reserved.body().get(0);
        assertThat(put(upload.path("upload_url").asString(), "application/octet-stream", new byte[50]).statusCode()).isEqualTo(200);
        var size = api.post(messages(channel), token, Map.of("content", "x",
                "attachments", List.of(Map.of("upload_id", upload.path("upload_id").asString()))));
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.code()).isEqualTo("ATTACHMENT_SIZE_MISMATCH");

        var missing = api.post(attachments(channel), token, Map.of("files", List.of(
                Map.of("filename", "never.png", "size", 10, "content_type", "image/png"))));
        var notUploaded = api.post(messages(channel), token, Map.of("content", "x",
                "attachments", List.of(Map.of("upload_id", missing.body().get(0).path("upload_id").asString()))));
        assertThat(notUploaded.code()).isEqualTo("UNKNOWN_UPLOAD");

        // someone else's upload cannot be attached
        String mine = upload(channel, token, "b.png", "image/png", png(3, 3));
        long other = server.member();
        var stolen = api.post(messages(channel), stub.token(other), Map.of("content", "x",
                "attachments", List.of(Map.of("upload_id", mine))));
        assertThat(stolen.code()).isEqualTo("UNKNOWN_UPLOAD");
    }

    @Test
    void limitsAndPermissionsAreChecked() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        List<Object> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.of("filename", "f" + i + ".txt", "size", 1, "content_type", "text/plain"));
        }
        var tooMany = api.post(attachments(channel), token, Map.of("files", eleven));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("LIMIT_REACHED");

        var tooLarge = api.post(attachments(channel), token, Map.of("files", List.of(
                Map.of("filename", "big.bin", "size", 25L * 1024 * 1024 + 1, "content_type", "application/octet-stream"))));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("PAYLOAD_TOO_LARGE");

        long muted = server.member();
        server.overwrite(channel, muted, PermissionOverwrite.Type.MEMBER, 0, Permission.ATTACH_FILES.bit());
        var denied = api.post(attachments(channel), stub.token(muted), Map.of("files", List.of(
                Map.of("filename", "a.txt", "size", 1, "content_type", "text/plain"))));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("MISSING_PERMISSIONS");

        var invalid = api.post(attachments(channel), token, Map.of("files", List.of(Map.of("size", 1))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aMemberWhoCannotSeeTheChannelGetsNoLinks() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "a.png", "image/png", png(2, 2));
        String mid = api.post(messages(channel), token, Map.of("content", "x",
                "attachments", List.of(Map.of("upload_id", uploadId)))).text("message_id");
        long member = server.member();
        assertThat(api.get(messages(channel) + "/" + mid, stub.token(member)).body().path("attachments")).hasSize(1);

        long outsider = server.member();
        server.overwrite(channel, outsider, PermissionOverwrite.Type.MEMBER, 0, Permission.VIEW_CHANNEL.bit());
        var hidden = api.get(messages(channel) + "/" + mid, stub.token(outsider));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.raw().body()).doesNotContain("/attachments/");
    }

    @Test
    void multipartSendStreamsEachFileToTheStore() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        byte[] big = new byte[6 * 1024 * 1024 + 123]; // more than one 5 MiB part
        new Random(7).nextBytes(big);
        byte[] png = png(16, 8);
        String payload = "{\"content\":\"two files\",\"attachments\":[{\"id\":\"1\",\"description\":\"noise\"},"
                + "{\"id\":\"0\",\"filename\":\"renamed.png\",\"spoiler\":true}]}";

        HttpResponse<String> sent = multipart(messages(channel), token, List.of(
                new Part("files[0]", "tiny.png", "image/png", png),
                new Part("files[1]", "noise.bin", "application/octet-stream", big),
                new Part("payload_json", null, "application/json", payload.getBytes(StandardCharsets.UTF_8))));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(sent.body());
        JsonNode files = body.path("attachments");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).path("filename").asString()).isEqualTo("noise.bin");
        assertThat(files.get(0).path("size").asLong()).isEqualTo(big.length);
        assertThat(files.get(0).path("description").asString()).isEqualTo("noise");
        assertThat(files.get(1).path("filename").asString()).isEqualTo("renamed.png");
        assertThat(files.get(1).path("spoiler").asBoolean()).isTrue();
        assertThat(files.get(1).path("width").asInt()).isEqualTo(16);
        assertThat(fetch(files.get(0).path("url").asString(), Map.of()).body()).isEqualTo(big);
        assertThat(fetch(files.get(1).path("url").asString(), Map.of()).body()).isEqualTo(png);

        // without attachments in payload_json, every file is attached in order; files only need no content
        HttpResponse<String> plain = multipart(messages(channel), token, List.of(
                new Part("payload_json", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                new Part("files[0]", "a.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(plain.body()).contains("\"filename\":\"a.txt\"").contains("\"content_type\":\"text/plain\"");

        List<Part> eleven = new ArrayList<>();
        eleven.add(new Part("payload_json", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 11; i++) {
            eleven.add(new Part("files[" + i + "]", i + ".txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> tooMany = multipart(messages(channel), token, eleven);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("LIMIT_REACHED");
    }

    @Test
    void anUploadNeverAttachedExpiresAndItsObjectIsDeleted() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "orphan.png", "image/png", png(2, 2));
        String key = "attachments/" + channel + "/" + uploadId + "/orphan.png";
        assertThat(store.head(key)).isPresent();

        assertThat(sweeper.sweep(Instant.now())).as("not expired yet").isZero();
        assertThat(sweeper.sweep(Instant.now().plus(Duration.ofHours(25)))).isGreaterThanOrEqualTo(1);
        assertThat(store.head(key)).isEmpty();
        var late = api.post(messages(channel), token, Map.of("content", "x", "attachments", List.of(Map.of("upload_id", uploadId))));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.code()).isEqualTo("UNKNOWN_UPLOAD");
    }

    @Test
    void theUploaderCancelsAnUnclaimedUploadAndItsObjectGoesAtOnce() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String uploadId = upload(channel, token, "cancelled.png", "image/png", png(2, 2));
        String key = "attachments/" + channel + "/" + uploadId + "/cancelled.png";
        assertThat(store.head(key)).isPresent();

        // another member cannot cancel it: it is not theirs
        String other = stub.token(server.member());
        var foreign = api.delete(attachments(channel) + "/" + uploadId, other);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(store.head(key)).isPresent();

        assertThat(api.delete(attachments(channel) + "/" + uploadId, token).status()).isEqualTo(204);
        assertThat(store.head(key)).as("the object is gone now, not at the sweep").isEmpty();
        assertThat(api.delete(attachments(channel) + "/" + uploadId, token).status()).isEqualTo(404);
        var late = api.post(messages(channel), token, Map.of("content", "x", "attachments", List.of(Map.of("upload_id", uploadId))));
        assertThat(late.code()).isEqualTo("UNKNOWN_UPLOAD");

        // an attached file is no upload any more: it cannot be cancelled
        String sent = upload(channel, token, "kept.png", "image/png", png(2, 2));
        assertThat(api.post(messages(channel), token, Map.of("content", "x", "attachments",
                List.of(Map.of("upload_id", sent, "filename", "kept.png")))).status()).isEqualTo(200);
        assertThat(api.delete(attachments(channel) + "/" + sent, token).status()).isEqualTo(404);
        assertThat(store.head("attachments/" + channel + "/" + sent + "/kept.png")).isPresent();
    }

    // --- helpers ---

    private String upload(long channel, String token, String filename, String type, byte[] bytes) throws Exception {
        var reserved = api.post(attachments(channel), token, Map.of("files", List.of(
                Map.of("filename", filename, "size", bytes.length, "content_type", type))));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);
        JsonNode upload = reserved.body().get(0);
        assertThat(upload.path("expires_at").asString()).isNotBlank();
        HttpResponse<byte[]> put = put(upload.path("upload_url").asString(), type, bytes);
        assertThat(put.statusCode()).isEqualTo(200);
        return upload.path("upload_id").asString();
    }

    private static String attachments(long channel) {
        return "/api/v1/channels/" + channel + "/attachments";
    }

    /** The link's path and query, sent to the service under test instead of the gateway it names. */
    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private HttpResponse<byte[]> put(String url, String type, byte[] bytes) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathOf(url)))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> fetch(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathOf(url)));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    record Part(String name, String filename, String type, byte[] bytes) {
    }

    private HttpResponse<String> multipart(String path, String token, List<Part> parts) throws IOException, InterruptedException {
        String boundary = "----guildhall" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            String disposition = "form-data; name=\"" + part.name() + "\""
                    + (part.filename() == null ? "" : "; filename=\"" + part.filename() + "\"");
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\nContent-Type: "
                    + part.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, 0, 0xff0000 + x);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
