package dev.guildhall.message.attachment;

import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Self-authorizing links in Discord's shape, {@code path?ex=<hex expiry>&is=<hex issue time>&hm=<hex HMAC>}:
 * an HMAC-SHA256 over the method, the path, both times and any extra signed values, keyed with
 * {@code guildhall.attachments.link-secret} (ADR 162). Whoever holds a link may use it until it
 * expires; nobody can make one for another path or a later expiry.
 */
@Component
public class LinkSigner {

    private final byte[] secret;
    private final Clock clock;
    private final Duration ttl;
    private final long granularity;

    public LinkSigner(AttachmentProperties properties, Clock clock) {
        this.secret = properties.linkSecret().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.ttl = properties.linkTtl();
        this.granularity = Math.max(1, properties.linkGranularity().toSeconds());
    }

    /** A link for reading: issued at the start of the current granularity period, so repeated reads give one URL. */
    public String signGet(String path) {
        long now = clock.instant().getEpochSecond();
        long issued = now - now % granularity;
        return sign("GET", path, issued, issued + ttl.toSeconds(), "");
    }

    /** A link valid from now for {@code validity}, over extra values the request must carry unchanged. */
    public String sign(String method, String path, Duration validity, String extra) {
        long now = clock.instant().getEpochSecond();
        return sign(method, path, now, now + validity.toSeconds(), extra);
    }

    public String sign(String method, String path, long issued, long expires, String extra) {
        String ex = Long.toHexString(expires);
        String is = Long.toHexString(issued);
        return path + "?ex=" + ex + "&is=" + is + "&hm=" + mac(method, path, ex, is, extra);
    }

    /** The outcome of checking a link's query. */
    public enum Check { VALID, EXPIRED, INVALID }

    public Check check(String method, String path, String ex, String is, String hm, String extra) {
        if (ex == null || is == null || hm == null || !ex.matches("[0-9a-f]{1,16}") || !is.matches("[0-9a-f]{1,16}")) {
            return Check.INVALID;
        }
        byte[] expected = mac(method, path, ex, is, extra).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, hm.getBytes(StandardCharsets.US_ASCII))) {
            return Check.INVALID;
        }
        return Long.parseUnsignedLong(ex, 16) <= clock.instant().getEpochSecond() ? Check.EXPIRED : Check.VALID;
    }

    /** When a link with this {@code ex} stops working. */
    public static Instant expiry(String ex) {
        return Instant.ofEpochSecond(Long.parseUnsignedLong(ex, 16));
    }

    private String mac(String method, String path, String ex, String is, String extra) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String input = method + "\n" + path + "\n" + ex + "\n" + is + "\n" + extra;
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
