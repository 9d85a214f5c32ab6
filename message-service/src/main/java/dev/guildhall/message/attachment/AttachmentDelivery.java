package dev.guildhall.message.attachment;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serving an attachment CDN-style: the signed link checked, then the object streamed from the store
 * with its sniffed type, a strong ETag, {@code If-None-Match} → 304, one {@code Range} → 206, a
 * public immutable cache lifetime up to the link's expiry, and never HTML, SVG or XML inline.
 * Needs no database: everything is in the link and the object.
 */
@Component
public class AttachmentDelivery {

    private final LinkSigner signer;
    private final ObjectStore store;
    private final Clock clock;

    public AttachmentDelivery(LinkSigner signer, ObjectStore store, Clock clock) {
        this.signer = signer;
        this.store = store;
        this.clock = clock;
    }

    /** @param body null for 304 and 416 */
    public record Delivery(int status, Map<String, String> headers, InputStream body) {
    }

    public Delivery open(String path, String ex, String is, String hm, String ifNoneMatch, String rangeHeader) {
        switch (signer.check("GET", path, ex, is, hm, "")) {
            case INVALID -> throw new GuildhallException(ErrorCode.INVALID_SIGNATURE, "This link is not valid");
            case EXPIRED -> throw new GuildhallException(ErrorCode.LINK_EXPIRED,
                    "This link has expired: read the message again for a fresh one");
            default -> { }
        }
        String key = path.substring(1);
        HeadObjectResponse head = store.head(key)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.NOT_FOUND));
        String type = head.contentType() == null ? "application/octet-stream" : head.contentType();
        long size = head.contentLength();
        String etag = head.eTag();
        long maxAge = Math.max(0, LinkSigner.expiry(ex).getEpochSecond() - clock.instant().getEpochSecond());

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge + ", immutable");
        if (etag != null) {
            headers.put(HttpHeaders.ETAG, etag);
        }
        headers.put("X-Content-Type-Options", "nosniff");
        // opened as a page (not as <img>/<video>), the file can run nothing
        headers.put("Content-Security-Policy", "default-src 'none'; sandbox");
        headers.put(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (etag != null && ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return new Delivery(304, headers, null);
        }
        headers.put(HttpHeaders.CONTENT_TYPE, type);
        String filename = key.substring(key.lastIndexOf('/') + 1);
        headers.put(HttpHeaders.CONTENT_DISPOSITION, (inline(type) ? "inline" : "attachment") + "; filename=\"" + filename + "\"");

        HttpRange range = singleRange(rangeHeader);
        if (range != null && size > 0) {
            long start;
            long end;
            try {
                start = range.getRangeStart(size);
                end = range.getRangeEnd(size);
            } catch (IllegalArgumentException e) {
                start = -1;
                end = -1;
            }
            if (start < 0 || start >= size || end < start) {
                headers.put(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                headers.remove(HttpHeaders.CONTENT_TYPE);
                headers.remove(HttpHeaders.CONTENT_DISPOSITION);
                return new Delivery(416, headers, null);
            }
            headers.put(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
            headers.put(HttpHeaders.CONTENT_LENGTH, Long.toString(end - start + 1));
            return new Delivery(206, headers, store.get(key, "bytes=" + start + "-" + end));
        }
        headers.put(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
        return new Delivery(200, headers, size == 0 ? InputStream.nullInputStream() : store.get(key, null));
    }

    /** Images (not SVG), video and audio are shown in place; everything else is downloaded. */
    static boolean inline(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        if (t.contains("svg") || t.contains("xml") || t.contains("html")) {
            return false;
        }
        return t.startsWith("image/") || t.startsWith("video/") || t.startsWith("audio/");
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** One satisfiable-looking range; several ranges or a malformed header are answered with the whole file. */
    private static HttpRange singleRange(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(header);
            return ranges.size() == 1 ? ranges.get(0) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
