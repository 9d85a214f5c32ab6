package dev.guildhall.bench.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The media node's pid in a launcher's data dir: {@code run/media-node.pid} holds "pid start-epoch-millis". */
final class FleetPids {

    private FleetPids() {
    }

    /** The node's pid, or 0 (no node CPU in the report) if the file is missing or unreadable. */
    static long mediaNode(Path dataDir) {
        try {
            return parse(Files.readString(dataDir.resolve("run").resolve("media-node.pid")));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The first field of a launcher pid file; 0 if it is not a positive number. */
    static long parse(String content) {
        String[] parts = content.trim().split("\\s+");
        try {
            long pid = Long.parseLong(parts[0]);
            return pid > 0 ? pid : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
