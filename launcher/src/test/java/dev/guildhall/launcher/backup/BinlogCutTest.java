package dev.guildhall.launcher.backup;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogCutTest {

    private static final int FORMAT_DESCRIPTION = 15;
    private static final int WRITE_ROWS = 30;
    private static final int XID = 16;

    @TempDir
    Path dir;

    @Test
    void cutsAtTheFirstTransactionThatBeganAfterTheInstant() throws Exception {
        // FDE(4) GTID@100 rows xid | GTID@105 rows xid
        Path log = binlog("guildhall-bin.000001", new long[][]{
                {FORMAT_DESCRIPTION, 90, 40}, {BinlogCut.GTID_EVENT, 100, 30}, {WRITE_ROWS, 100, 50}, {XID, 100, 31},
                {BinlogCut.GTID_EVENT, 105, 30}, {WRITE_ROWS, 105, 50}, {XID, 105, 31}});
        long secondGroup = 4 + 40 + 30 + 50 + 31;

        assertThat(BinlogCut.firstGroupAfter(List.of(log), new BinlogCut.Position("guildhall-bin.000001", 4),
                Instant.ofEpochSecond(102))).contains(new BinlogCut.Position("guildhall-bin.000001", secondGroup));
        // the instant's whole second is included
        assertThat(BinlogCut.firstGroupAfter(List.of(log), new BinlogCut.Position("guildhall-bin.000001", 4),
                Instant.ofEpochSecond(100, 999_000_000))).contains(new BinlogCut.Position("guildhall-bin.000001", secondGroup));
        assertThat(BinlogCut.firstGroupAfter(List.of(log), new BinlogCut.Position("guildhall-bin.000001", 4),
                Instant.ofEpochSecond(105))).isEmpty();
    }

    @Test
    void startsAtTheBackupsPositionAndGoesOnIntoLaterFiles() throws Exception {
        Path first = binlog("guildhall-bin.000001", new long[][]{
                {FORMAT_DESCRIPTION, 90, 40}, {BinlogCut.GTID_EVENT, 200, 30}, {XID, 200, 31}});
        Path second = binlog("guildhall-bin.000002", new long[][]{
                {FORMAT_DESCRIPTION, 210, 40}, {BinlogCut.GTID_EVENT, 210, 30}, {XID, 210, 31},
                {BinlogCut.GTID_EVENT, 300, 30}, {XID, 300, 31}});
        // the group at 200 lies before the backup's position: it is in the dump already, never a cut
        Optional<BinlogCut.Position> cut = BinlogCut.firstGroupAfter(List.of(first, second),
                new BinlogCut.Position("guildhall-bin.000001", 4 + 40 + 30 + 31), Instant.ofEpochSecond(150));
        assertThat(cut).contains(new BinlogCut.Position("guildhall-bin.000002", 4 + 40));
        assertThat(BinlogCut.firstGroupAfter(List.of(first, second), new BinlogCut.Position("guildhall-bin.000001", 4),
                Instant.ofEpochSecond(250))).contains(new BinlogCut.Position("guildhall-bin.000002", 4 + 40 + 30 + 31));
    }

    @Test
    void refusesAnArchiveWithoutTheBackupsLog() throws Exception {
        Path log = binlog("guildhall-bin.000002", new long[][]{{FORMAT_DESCRIPTION, 90, 40}});
        assertThatThrownBy(() -> BinlogCut.firstGroupAfter(List.of(log),
                new BinlogCut.Position("guildhall-bin.000001", 4), Instant.ofEpochSecond(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guildhall-bin.000001");
    }

    /** A binary log of events {type, timestamp, size}: real v4 headers, zero bodies. */
    private Path binlog(String name, long[][] events) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BinlogCut.MAGIC);
        long pos = 4;
        for (long[] e : events) {
            int size = (int) e[2];
            ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt((int) e[1]).put((byte) e[0]).putInt(1).putInt(size).putInt((int) (pos + size)).putShort((short) 0);
            out.write(b.array());
            pos += size;
        }
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }
}
