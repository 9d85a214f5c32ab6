package dev.guildhall.message.media;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.message.attachment.AttachmentProperties;
import dev.guildhall.message.attachment.AttachmentRequests;
import dev.guildhall.message.attachment.AttachmentService;
import dev.guildhall.message.attachment.ContentSniffer;
import dev.guildhall.message.attachment.FileNames;
import dev.guildhall.message.attachment.LinkSigner;
import dev.guildhall.message.attachment.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Avatars and server icons (ADR 195): an upload of a user reserved with a purpose, its bytes PUT like
 * an attachment's, then claimed once by auth-service (avatar) or server-service (icon), which get
 * links to square PNG crops at 64, 128, 256 and 512 pixels. The crops are objects of their own under
 * a fresh id, so a new avatar is a new URL and every URL is immutable.
 */
@Service
public class ImageUploads {

    public static final int[] SIDES = {64, 128, 256, 512};
    /** The side the single {@code avatar_url}/{@code icon_url} points at. */
    public static final int DEFAULT_SIDE = 256;
    /** Avatar and icon links are public by nature and never change: signed, but valid for years (ADR 195). */
    static final Duration LINK_VALIDITY = Duration.ofDays(3650);
    private static final Set<String> PURPOSES = Set.of("avatar", "icon");
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final long MAX_SIZE = 10L * 1024 * 1024;

    private final GlobalDatabase global;
    private final AttachmentService attachments;
    private final ObjectStore store;
    private final ContentSniffer sniffer;
    private final MediaAnalyzer analyzer;
    private final LinkSigner signer;
    private final AttachmentProperties properties;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final MediaProperties media;

    private final Counter releasedCrops;

    public ImageUploads(MediaProperties media, GlobalDatabase global, AttachmentService attachments, ObjectStore store, ContentSniffer sniffer,
                        MediaAnalyzer analyzer, LinkSigner signer, AttachmentProperties properties,
                        SnowflakeGenerator ids, Clock clock, MeterRegistry meters) {
        this.releasedCrops = Counter.builder("guildhall.images.replaced.objects")
                .description("Crop objects of replaced or removed avatars and icons deleted from the store")
                .register(meters);
        this.media = media;
        this.global = global;
        this.attachments = attachments;
        this.store = store;
        this.sniffer = sniffer;
        this.analyzer = analyzer;
        this.signer = signer;
        this.properties = properties;
        this.ids = ids;
        this.clock = clock;
    }

    public record Create(String filename, Long size, String contentType, String purpose) {
    }

    /** The links of a claimed image: {@code url} (256 px) and one per side. */
    public record Claimed(String url, Map<String, String> urls) {
    }

    public AttachmentRequests.Upload reserve(long userId, Create request) {
        if (request.purpose() == null || !PURPOSES.contains(request.purpose())) {
            throw invalid("purpose", "must be avatar or icon");
        }
        if (request.filename() == null || request.filename().isBlank() || request.filename().length() > 255) {
            throw invalid("filename", "1 to 255 characters");
        }
        if (request.contentType() == null || !IMAGE_TYPES.contains(request.contentType().strip().toLowerCase())) {
            throw invalid("content_type", "must be image/png, image/jpeg, image/gif or image/webp");
        }
        if (request.size() == null || request.size() < 1 || request.size() > MAX_SIZE) {
            throw new GuildhallException(ErrorCode.PAYLOAD_TOO_LARGE, "An avatar or icon may have at most "
                    + MAX_SIZE + " bytes", Map.of("max_file_size", MAX_SIZE));
        }
        long uploadId = ids.next();
        String key = "attachments/" + userId + "/" + uploadId + "/" + FileNames.sanitize(request.filename());
        Instant now = clock.instant();
        String type = request.contentType().strip().toLowerCase();
        global.jdbc().sql("INSERT INTO image_uploads (upload_id, uploader_id, purpose, object_key, declared_size, "
                        + "declared_type, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(uploadId, userId, request.purpose(), key, request.size(), type, DbTimes.toDb(now),
                        DbTimes.toDb(now.plus(properties.uploadTtl())))
                .update();
        return attachments.uploadLink(uploadId, key, type, request.size());
    }

    /**
     * Claims an upload of this user for this purpose, once, and makes its crops. A second claim of
     * the same upload answers the same crops (a retried PATCH), never new ones.
     */
    public Claimed claim(long uploadId, long userId, String purpose) {
        Upload upload = global.jdbc().sql("SELECT upload_id, uploader_id, purpose, object_key, declared_size, "
                        + "declared_type, expires_at, crops_id, released_at FROM image_uploads WHERE upload_id = ?")
                .param(uploadId)
                .query((rs, n) -> new Upload(rs.getLong("upload_id"), rs.getLong("uploader_id"), rs.getString("purpose"),
                        rs.getString("object_key"), rs.getLong("declared_size"), rs.getString("declared_type"),
                        DbTimes.fromDb(rs, "expires_at"), (Long) rs.getObject("crops_id", Long.class),
                        rs.getObject("released_at") == null ? null : DbTimes.fromDb(rs, "released_at")))
                .optional()
                .filter(u -> u.uploaderId() == userId && u.purpose().equals(purpose))
                .orElseThrow(() -> unknown("no such " + purpose + " upload of yours"));
        if (upload.releasedAt() != null) {
            throw unknown("this upload was replaced");
        }
        if (upload.cropsId() != null) {
            return links(userId, upload.cropsId());
        }
        if (!upload.expiresAt().isAfter(clock.instant())) {
            throw unknown("this upload has expired");
        }
        HeadObjectResponse head = store.head(upload.objectKey()).orElseThrow(() -> unknown("nothing was uploaded"));
        if (head.contentLength() != upload.declaredSize()) {
            throw new GuildhallException(ErrorCode.ATTACHMENT_SIZE_MISMATCH, "The upload has " + head.contentLength()
                    + " bytes, " + upload.declaredSize() + " were declared");
        }
        String sniffed;
        try {
            sniffed = sniffer.detect(store.prefix(upload.objectKey(), ContentSniffer.PREFIX_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!IMAGE_TYPES.contains(sniffed)) {
            throw new GuildhallException(ErrorCode.ATTACHMENT_TYPE_MISMATCH, "The upload is " + sniffed
                    + ", not an image", Map.of("errors", Map.of(purpose + "_upload_id", "content is " + sniffed)));
        }
        MediaAnalyzer.Crops crops = crops(upload.objectKey());
        if (crops.outcome() != MediaAnalyzer.Outcome.DONE) {
            throw invalid(purpose + "_upload_id", crops.outcome() == MediaAnalyzer.Outcome.REFUSED
                    ? "the image has more than " + media.maxPixels() + " pixels" : "the image cannot be read");
        }
        long cropsId = ids.next();
        crops.pngs().forEach((side, png) -> store.put(cropKey(userId, cropsId, side), "image/png",
                new ByteArrayInputStream(png), png.length));
        int claimed = global.jdbc().sql("UPDATE image_uploads SET claimed_at = ?, crops_id = ? "
                        + "WHERE upload_id = ? AND crops_id IS NULL")
                .params(DbTimes.toDb(clock.instant()), cropsId, uploadId)
                .update();
        if (claimed == 0) {
            // a concurrent claim won: answer its crops, drop ours
            for (int side : SIDES) {
                store.delete(cropKey(userId, cropsId, side));
            }
            return claim(uploadId, userId, purpose);
        }
        // the crops are what is served: the original (which may carry EXIF, GPS included) is not kept
        store.delete(upload.objectKey());
        return links(userId, cropsId);
    }

    /** Cancels an unclaimed upload of this user (ADR 233): the row, then the object; 404 for anything else. */
    public void cancel(long userId, long uploadId) {
        String key = global.jdbc().sql("SELECT object_key FROM image_uploads WHERE upload_id = ? AND uploader_id = ? "
                        + "AND crops_id IS NULL")
                .params(uploadId, userId).query(String.class).optional()
                .orElseThrow(() -> new GuildhallException(ErrorCode.NOT_FOUND, "No unclaimed upload of yours with this id"));
        int deleted = global.jdbc().sql("DELETE FROM image_uploads WHERE upload_id = ? AND crops_id IS NULL")
                .param(uploadId).update();
        if (deleted == 0) {
            throw new GuildhallException(ErrorCode.NOT_FOUND, "No unclaimed upload of yours with this id"); // claimed meanwhile
        }
        store.delete(key);
    }

    /**
     * A replaced or removed avatar or icon (ADR 234): deletes the crops behind this link, once, after the change
     * that replaced it committed. Only a link this service signed for a claimed upload of this purpose counts
     * (a user may have set any URL as {@code avatar_url}); anything else is left alone.
     *
     * @return how many crop objects were deleted (0 for a link that is not ours or was released before)
     */
    public int release(String url, String purpose) {
        Matcher m = url == null ? null : CROP_LINK.matcher(url);
        if (m == null || !url.startsWith(properties.publicBaseUrl()) || !m.find()) {
            return 0;
        }
        String path = m.group(1);
        if (signer.check("GET", path, m.group(4), m.group(5), m.group(6), "") == LinkSigner.Check.INVALID) {
            return 0;
        }
        long userId = Long.parseLong(m.group(2));
        long cropsId = Long.parseLong(m.group(3));
        int released = global.jdbc().sql("UPDATE image_uploads SET released_at = ? WHERE uploader_id = ? "
                        + "AND crops_id = ? AND purpose = ? AND released_at IS NULL")
                .params(DbTimes.toDb(clock.instant()), userId, cropsId, purpose)
                .update();
        if (released == 0) {
            return 0;
        }
        for (int side : SIDES) {
            store.delete(cropKey(userId, cropsId, side));
        }
        releasedCrops.increment(SIDES.length);
        return SIDES.length;
    }

    private static final Pattern CROP_LINK = Pattern.compile(
            "(/attachments/([0-9]{1,20})/([0-9]{1,20})/[0-9]{1,4}\\.png)\\?ex=([0-9a-f]{1,16})&is=([0-9a-f]{1,16})&hm=([0-9a-f]{64})$");

    private MediaAnalyzer.Crops crops(String key) {
        Path file = null;
        try {
            file = Files.createTempFile("guildhall-image-", ".bin");
            try (InputStream in = store.get(key, null)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return analyzer.squareCrops(file, SIDES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file: the OS cleans up
                }
            }
        }
    }

    private Claimed links(long userId, long cropsId) {
        Map<String, String> urls = new LinkedHashMap<>();
        // issued when the crops were made: the same links every time, so they stay cacheable
        long issued = dev.guildhall.common.id.Snowflake.timestamp(cropsId).getEpochSecond();
        for (int side : SIDES) {
            urls.put(String.valueOf(side), properties.publicBaseUrl()
                    + signer.sign("GET", "/" + cropKey(userId, cropsId, side), issued, issued + LINK_VALIDITY.toSeconds(), ""));
        }
        return new Claimed(urls.get(String.valueOf(DEFAULT_SIDE)), urls);
    }

    static String cropKey(long userId, long cropsId, int side) {
        return "attachments/" + userId + "/" + cropsId + "/" + side + ".png";
    }

    private record Upload(long uploadId, long uploaderId, String purpose, String objectKey, long declaredSize,
                          String declaredType, Instant expiresAt, Long cropsId, Instant releasedAt) {
    }

    private static GuildhallException invalid(String field, String why) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, field + ": " + why, Map.of("errors", Map.of(field, why)));
    }

    private static GuildhallException unknown(String why) {
        return new GuildhallException(ErrorCode.UNKNOWN_UPLOAD, why);
    }
}
