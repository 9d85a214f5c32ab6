package dev.guildhall.message.attachment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The only class that talks to the S3-compatible store. Every write asks for server-side
 * encryption ({@code AES256}); bodies stream through, with at most one part buffer
 * ({@code part-size}) for a body of unknown length.
 */
@Component
public class ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final int partSize;
    private volatile boolean bucketChecked;
    private final boolean createBucket;

    public ObjectStore(S3Client s3, S3Presigner presigner, AttachmentProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = properties.storage().bucket();
        this.partSize = (int) properties.partSize().toBytes();
        this.createBucket = properties.storage().createBucket();
    }

    /** Writes a body whose length is known, streaming it to the store. */
    public void put(String key, String contentType, InputStream body, long length) {
        ensureBucket();
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(length)
                .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromInputStream(body, length));
    }

    /**
     * Writes a body of unknown length: one PUT when it fits in one part, otherwise an S3 multipart
     * upload part by part. More than {@code maxBytes} aborts the upload.
     *
     * @return the number of bytes stored
     * @throws TooLargeException past {@code maxBytes}
     */
    public long putStream(String key, String contentType, InputStream body, long maxBytes) throws IOException {
        ensureBucket();
        byte[] buffer = new byte[partSize];
        int filled = body.readNBytes(buffer, 0, partSize);
        if (filled < partSize) {
            if (filled > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            long length = filled;
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(length)
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled)));
            return filled;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int partNumber = 1;
            while (filled > 0) {
                total += filled;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                int number = partNumber++;
                int size = filled;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) size), RequestBody.fromInputStream(new java.io.ByteArrayInputStream(buffer, 0, size), size)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                filled = body.readNBytes(buffer, 0, partSize);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            return total;
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    /** A presigned PUT of exactly this length and type, for browsers that can reach the store. */
    public URL presignPut(String key, String contentType, long length, Duration validity) {
        return presigner.presignPutObject(p -> p.signatureDuration(validity)
                .putObjectRequest(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(length)))
                .url();
    }

    public Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The first {@code n} bytes (fewer for a shorter object). */
    public byte[] prefix(String key, int n) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=0-" + (n - 1)))) {
            return in.readNBytes(n);
        }
    }

    /** Replaces the object's Content-Type (a copy onto itself; objects are small and the copy stays in the store). */
    public void setContentType(String key, String contentType) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).contentType(contentType)
                .serverSideEncryption(ServerSideEncryption.AES256));
    }

    /** @param range {@code bytes=a-b}, or null for the whole object */
    public ResponseInputStream<GetObjectResponse> get(String key, String range) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (range != null) {
            request.range(range);
        }
        return s3.getObject(request.build());
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** Creates the bucket on first use when configured to (the embedded store); a store that is down fails that call only. */
    private void ensureBucket() {
        if (bucketChecked || !createBucket) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            log.info("creating bucket {}", bucket);
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
        bucketChecked = true;
    }

    /** A streamed body passed the size limit. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
