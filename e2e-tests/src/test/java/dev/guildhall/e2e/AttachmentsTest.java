package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files through the whole fleet (issue 11): a direct upload whose bytes go through the gateway to
 * the embedded S3 store, a message naming it, another member reading it and fetching the file
 * from its signed link without a token (as an {@code <img>} does), and a multipart send.
 */
class AttachmentsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void anImageUploadedByOneMemberIsServedToAnother() throws Exception {
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        Server server = Scenario.server(api, a, b);
        byte[] png = png();

        Response reserved = api.post("/api/v1/channels/" + server.general() + "/attachments", a.token(),
                map("files", List.of(map("filename", "sunset.png", "size", png.length, "content_type", "image/png"))));
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(200);
        JsonNode upload = reserved.body().get(0);
        String uploadUrl = upload.get("upload_url").asString();
        assertThat(uploadUrl).startsWith(E2eFleet.gatewayUrl() + "/attachments/");
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(uploadUrl))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        Object send = map("content", "the view tonight", "nonce", "e2e-" + System.nanoTime(),
                "attachments", List.of(map("upload_id", upload.get("upload_id").asString())));
        Response sent = api.post("/api/v1/channels/" + server.general() + "/messages", a.token(), send);
        if (sent.status() == 503) {
            // the first send with files in a fresh fleet can pass the gateway's 2 s limit on a loaded machine
            // (known, see the report of issue 11); a client retries with the same nonce and gets the original
            sent = api.post("/api/v1/channels/" + server.general() + "/messages", a.token(), send);
        }
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        Response read = api.get("/api/v1/channels/" + server.general() + "/messages/" + sent.text("message_id"), b.token());
        JsonNode file = read.body().get("attachments").get(0);
        assertThat(file.get("content_type").asString()).isEqualTo("image/png");
        assertThat(file.get("width").asInt()).isEqualTo(64);
        String url = file.get("url").asString();

        HttpResponse<byte[]> image = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(png);
        assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(image.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(image.headers().firstValue("cache-control")).hasValueSatisfying(v -> assertThat(v).contains("immutable"));

        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-7").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(png, 8));

        HttpResponse<byte[]> forged = HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("&hm=", "&hm=f"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aMultipartSendThroughTheGatewayCarriesItsFiles() throws Exception {
        User a = Scenario.register(api, "amy");
        Server server = Scenario.server(api, a);
        String boundary = "----e2e" + System.nanoTime();
        byte[] text = "plain words\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(text);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"content\":\"my notes\"}\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(E2eFleet.gatewayUrl()
                        + "/api/v1/channels/" + server.general() + "/messages"))
                .header("Authorization", "Bearer " + a.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode file = Api.JSON.readTree(sent.body()).get("attachments").get(0);
        assertThat(file.get("filename").asString()).isEqualTo("notes.txt");
        assertThat(file.get("size").asLong()).isEqualTo(text.length);

        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(file.get("url").asString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(text);
        assertThat(download.headers().firstValue("content-disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
