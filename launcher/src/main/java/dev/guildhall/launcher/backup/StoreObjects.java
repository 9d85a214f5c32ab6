package dev.guildhall.launcher.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The object store's side of a backup: a pool of every object ever archived ({@code objects/} +
 * {@code objects.tsv}) that grows incrementally -- objects are immutable under their keys
 * (attachments, avatars), so one copy serves every backup -- and the list of the objects present
 * at one backup. Through the AWS SDK, so any S3-compatible store works.
 */
public final class StoreObjects implements AutoCloseable {

    /** One object: key, size, ETag, last modified, content type. */
    public record Entry(String key, long size, String etag, Instant lastModified, String contentType) {

        String line() {
            return String.join("\t", key, Long.toString(size), etag, Long.toString(lastModified.toEpochMilli()),
                    contentType == null ? "" : contentType) + "\n";
        }

        static Entry parse(String line) {
            String[] f = line.split("\t", -1);
            return new Entry(f[0], Long.parseLong(f[1]), f[2], Instant.ofEpochMilli(Long.parseLong(f[3])),
                    f.length > 4 && !f[4].isEmpty() ? f[4] : null);
        }
    }

    private final S3Client s3;
    private final String bucket;

    public StoreObjects(String endpoint, String region, String accessKey, String secretKey, String bucket) {
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build();
        this.bucket = bucket;
    }

    /** Every object of the bucket now. */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            entries.add(new Entry(o.key(), o.size(), o.eTag(), o.lastModified(), null));
        }
        return entries;
    }

    /**
     * Copies into the pool every listed object it does not hold yet.
     *
     * @return the entries as archived (with content types), in the order listed
     */
    public List<Entry> archive(List<Entry> now, Path poolDir, Path poolIndex) throws IOException {
        Map<String, Entry> pool = readIndex(poolIndex);
        List<Entry> archived = new ArrayList<>();
        for (Entry e : now) {
            Entry known = pool.get(e.key());
            if (known != null && known.size() == e.size() && Files.exists(poolFile(poolDir, e.key()))) {
                archived.add(known);
                continue;
            }
            Path target = poolFile(poolDir, e.key());
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            GetObjectResponse r = s3.getObject(b -> b.bucket(bucket).key(e.key()), ResponseTransformer.toFile(replace(tmp)));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Entry copy = new Entry(e.key(), e.size(), e.etag(), e.lastModified(), r.contentType());
            Files.writeString(poolIndex, copy.line(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pool.put(e.key(), copy);
            archived.add(copy);
        }
        return archived;
    }

    /** Writes the entries' bytes from the pool into the bucket (created if missing). */
    public void restore(List<Entry> entries, Path poolDir) {
        try {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException
                 | software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException ignored) {
            // there already
        }
        for (Entry e : entries) {
            Path file = poolFile(poolDir, e.key());
            if (!Files.exists(file)) {
                throw new IllegalStateException("the backup misses the object " + e.key());
            }
            s3.putObject(b -> {
                b.bucket(bucket).key(e.key()).serverSideEncryption(ServerSideEncryption.AES256);
                if (e.contentType() != null) {
                    b.contentType(e.contentType());
                }
            }, RequestBody.fromFile(file));
        }
    }

    static Map<String, Entry> readIndex(Path index) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Entry e = Entry.parse(line);
                    entries.put(e.key(), e);
                }
            }
        }
        return entries;
    }

    static void writeList(Path file, List<Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        entries.forEach(e -> sb.append(e.line()));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static List<Entry> readList(Path file) throws IOException {
        return new ArrayList<>(readIndex(file).values());
    }

    /** Where a key lives in the pool; keys that would leave it are refused. */
    static Path poolFile(Path poolDir, String key) {
        Path p = poolDir.resolve(key).normalize();
        if (key.startsWith("/") || !p.startsWith(poolDir.normalize()) || p.equals(poolDir.normalize())) {
            throw new IllegalStateException("an object key that is not a relative path: " + key);
        }
        return p;
    }

    private static Path replace(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tmp;
    }

    @Override
    public void close() {
        s3.close();
    }
}
