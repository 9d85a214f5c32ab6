package dev.guildhall.message.attachment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure rules of attachments: filenames in keys, declared against sniffed types, signed links. */
class ContentRulesForFilesTest {

    private final ContentSniffer sniffer = new ContentSniffer();

    @Test
    void filenamesCannotLeaveTheirKey() {
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\me\\My Photo (1).JPG")).isEqualTo("My_Photo_1_.JPG");
        assertThat(FileNames.sanitize("café déjà vu.png")).isEqualTo("cafe_deja_vu.png");
        assertThat(FileNames.sanitize(".htaccess")).isEqualTo("htaccess");
        assertThat(FileNames.sanitize("")).isEqualTo("file");
        assertThat(FileNames.sanitize("日本語")).isEqualTo("file");
        assertThat(FileNames.sanitize("a".repeat(300) + ".tar.gz")).hasSize(FileNames.MAX_LENGTH).endsWith(".gz");
    }

    @Test
    void theBytesDecideTheTypeAndMayNotContradictTheDeclaration() {
        String html = sniffer.detect("<!DOCTYPE html><html><body>x</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html).isEqualTo("text/html");
        assertThat(ContentSniffer.reconcile("image/png", html)).as("HTML dressed as an image").isNull();
        assertThat(ContentSniffer.reconcile("text/html", html)).isEqualTo("text/html");
        assertThat(ContentSniffer.reconcile("application/octet-stream", html)).isEqualTo("text/html");

        String text = sniffer.detect("just words".getBytes(StandardCharsets.UTF_8));
        assertThat(text).isEqualTo("text/plain");
        assertThat(ContentSniffer.reconcile("text/plain; charset=utf-8", text)).isEqualTo("text/plain");
        assertThat(ContentSniffer.reconcile("image/jpeg", text)).isNull();

        String unknown = sniffer.detect(new byte[] {0, 1, 2, 3, (byte) 0xfe, 5, 6, 7});
        assertThat(unknown).isEqualTo("application/octet-stream");
        assertThat(ContentSniffer.reconcile("application/x-custom", unknown)).isEqualTo("application/octet-stream");
        assertThat(ContentSniffer.reconcile("video/mp4", unknown)).as("would be shown inline").isNull();

        assertThat(ContentSniffer.reconcile("application/xml", "image/svg+xml")).isEqualTo("image/svg+xml");

        // WebM: Tika's magic says only "Matroska"; the declared kind is kept, a voice recording's too
        byte[] webm = java.util.HexFormat.of().parseHex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d");
        String matroska = sniffer.detect(webm);
        assertThat(matroska).isEqualTo("application/x-matroska");
        assertThat(ContentSniffer.reconcile("video/webm", matroska)).isEqualTo("video/webm");
        assertThat(ContentSniffer.reconcile("audio/webm", matroska)).isEqualTo("audio/webm");
        assertThat(ContentSniffer.reconcile("audio/webm", "audio/mpeg")).isNull();
        assertThat(ContentSniffer.reconcile("audio/webm", unknown)).isNull();
    }

    @Test
    void onlyImagesVideoAndAudioAreInline() {
        assertThat(AttachmentDelivery.inline("image/png")).isTrue();
        assertThat(AttachmentDelivery.inline("video/mp4")).isTrue();
        assertThat(AttachmentDelivery.inline("audio/ogg")).isTrue();
        assertThat(AttachmentDelivery.inline("image/svg+xml")).isFalse();
        assertThat(AttachmentDelivery.inline("text/html")).isFalse();
        assertThat(AttachmentDelivery.inline("application/xhtml+xml")).isFalse();
        assertThat(AttachmentDelivery.inline("application/pdf")).isFalse();
    }

    @Test
    void aLinkIsBoundToItsMethodPathAndExpiry() {
        Instant now = Instant.parse("2026-12-06T10:20:30Z");
        LinkSigner signer = new LinkSigner(properties(), Clock.fixed(now, ZoneOffset.UTC));
        String link = signer.signGet("/attachments/1/2/a.png");
        String ex = query(link, "ex");
        String is = query(link, "is");
        String hm = query(link, "hm");
        assertThat(Long.parseLong(is, 16)).as("rounded down to the hour").isEqualTo(Instant.parse("2026-12-06T10:00:00Z").getEpochSecond());
        assertThat(Long.parseLong(ex, 16)).isEqualTo(Instant.parse("2026-12-07T10:00:00Z").getEpochSecond());
        assertThat(signer.signGet("/attachments/1/2/a.png")).isEqualTo(link);

        assertThat(signer.check("GET", "/attachments/1/2/a.png", ex, is, hm, "")).isEqualTo(LinkSigner.Check.VALID);
        assertThat(signer.check("PUT", "/attachments/1/2/a.png", ex, is, hm, "")).isEqualTo(LinkSigner.Check.INVALID);
        assertThat(signer.check("GET", "/attachments/1/3/a.png", ex, is, hm, "")).isEqualTo(LinkSigner.Check.INVALID);
        assertThat(signer.check("GET", "/attachments/1/2/a.png", "ffffffff", is, hm, "")).isEqualTo(LinkSigner.Check.INVALID);
        assertThat(signer.check("GET", "/attachments/1/2/a.png", ex, is, null, "")).isEqualTo(LinkSigner.Check.INVALID);

        LinkSigner later = new LinkSigner(properties(), Clock.fixed(now.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        assertThat(later.check("GET", "/attachments/1/2/a.png", ex, is, hm, "")).isEqualTo(LinkSigner.Check.EXPIRED);
    }

    private static String query(String link, String name) {
        for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static AttachmentProperties properties() {
        return new AttachmentProperties(org.springframework.util.unit.DataSize.ofMegabytes(25), 10,
                AttachmentProperties.UploadMode.GATEWAY, Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(1),
                "unit-test-link-secret-0123456789abcdef", "http://localhost:8080", Duration.ofMinutes(10),
                org.springframework.util.unit.DataSize.ofMegabytes(5),
                new AttachmentProperties.Storage("http://127.0.0.1:1", "b", null, null, "us-east-1", true, false));
    }
}
