package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The secrets of one fleet (ADR 141): 256 random bits each, made on the first start and kept in
 * {@code <data>/secrets/fleet-secrets.properties} (directory 0700, file 0600), so later starts and
 * the data they left (S3 objects, tokens services hold) keep working. A value the launcher's
 * environment gives ({@code GUILDHALL_INTERNAL_TOKEN}, ...) wins over the file where the services'
 * environment is computed ({@link ServiceEnvironment}, {@link Endpoints}); the file keeps its own.
 *
 * @param internalToken    {@code GUILDHALL_INTERNAL_TOKEN}
 * @param voiceTokenSecret {@code GUILDHALL_VOICE_TOKEN_SECRET}
 * @param s3AccessKey      {@code GUILDHALL_S3_ACCESS_KEY} of the embedded S3 store
 * @param s3SecretKey      {@code GUILDHALL_S3_SECRET_KEY} of the embedded S3 store
 * @param attachmentLinkSecret {@code GUILDHALL_ATTACHMENT_LINK_SECRET}: message-service signs attachment links with it
 *                         (ADR 162); a data directory from before it existed gets one on its next start
 * @param authSecretKey    {@code GUILDHALL_AUTH_SECRET_KEY}: base64 of 32 bytes; auth-service encrypts signing keys and
 *                         TOTP seeds at rest with it (ADR 012). A data directory from before it existed gets one on
 *                         its next start: what was stored in the clear stays readable and new values are sealed
 */
public record FleetSecrets(String internalToken, String voiceTokenSecret, String s3AccessKey, String s3SecretKey,
                           String attachmentLinkSecret, String authSecretKey) {

    static final String DIRECTORY = "secrets";
    static final String FILE = "fleet-secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    /** Where {@link #loadOrCreate(Path)} keeps them. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(DIRECTORY).resolve(FILE);
    }

    /** Reads the fleet's secrets, first making (and saving) any that are missing. */
    public static synchronized FleetSecrets loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            restrict(dir, OWNER_DIR);
            Properties stored = new Properties();
            if (Files.isRegularFile(file)) {
                restrict(file, OWNER_FILE);
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(in);
                }
            }
            boolean changed = false;
            for (String name : new String[] {"GUILDHALL_INTERNAL_TOKEN", "GUILDHALL_VOICE_TOKEN_SECRET",
                    "GUILDHALL_S3_ACCESS_KEY", "GUILDHALL_S3_SECRET_KEY", "GUILDHALL_ATTACHMENT_LINK_SECRET"}) {
                String value = stored.getProperty(name);
                if (value == null || value.isBlank()) {
                    stored.setProperty(name, random());
                    changed = true;
                }
            }
            String authKey = stored.getProperty("GUILDHALL_AUTH_SECRET_KEY");
            if (authKey == null || authKey.isBlank()) {
                // auth-service reads standard base64 of exactly 32 bytes (an AES-256 key)
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                stored.setProperty("GUILDHALL_AUTH_SECRET_KEY", Base64.getEncoder().encodeToString(bytes));
                changed = true;
            }
            if (changed) {
                save(file, stored);
            }
            return new FleetSecrets(stored.getProperty("GUILDHALL_INTERNAL_TOKEN"),
                    stored.getProperty("GUILDHALL_VOICE_TOKEN_SECRET"), stored.getProperty("GUILDHALL_S3_ACCESS_KEY"),
                    stored.getProperty("GUILDHALL_S3_SECRET_KEY"), stored.getProperty("GUILDHALL_ATTACHMENT_LINK_SECRET"),
                    stored.getProperty("GUILDHALL_AUTH_SECRET_KEY"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the fleet's secrets in " + file, e);
        }
    }

    /** 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written to a 0600 temporary file first, then moved over the old one: never readable by others, never half written. */
    private static void save(Path file, Properties values) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        }
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            values.store(out, "generated by the Guildhall launcher; keep private (ADR 141)");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        restrict(file, OWNER_FILE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "FleetSecrets[…]";
    }
}
