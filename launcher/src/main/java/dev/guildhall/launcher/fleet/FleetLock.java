package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code run/fleet.lock}: one fleet per data directory. The OS drops it when
 * the holder dies, so holding it also proves that any process a pid file names is a leftover.
 */
final class FleetLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private FleetLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static FleetLock acquire(Path runDir) {
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(runDir.resolve("fleet.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new FleetStartException("another fleet is running on " + runDir.getParent()
                        + " (it holds " + runDir.resolve("fleet.lock") + "); stop it first (./guildhall down)");
            }
            return new FleetLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + runDir, e);
        }
    }

    /** Whether some process holds the lock (without taking it for long). */
    static boolean isHeld(Path runDir) {
        if (!Files.exists(runDir.resolve("fleet.lock"))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(runDir.resolve("fleet.lock"), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases it with the process anyway
        }
    }
}
