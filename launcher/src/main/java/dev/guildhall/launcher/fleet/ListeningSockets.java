package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether one process listens on a TCP port, from Linux's {@code /proc}: the port's listening sockets in
 * {@code /proc/net/tcp} and {@code tcp6}, and the process's file descriptors. What tells a successor gateway apart from
 * its predecessor while both listen on the same port (ADR 277), where a request to the port may reach either.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean listens(long pid, int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return false;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException | UnsupportedOperationException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Inodes of the sockets listening on {@code port} (any address). */
    static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    inodeIfListening(line, port, inodes);
                }
            } catch (IOException e) {
                // no IPv6 (or no /proc): nothing listens there
            }
        }
        return inodes;
    }

    /** One row: {@code sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}. */
    static void inodeIfListening(String line, int port, Set<String> into) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[3].equals(LISTEN)) {
            return;
        }
        int colon = f[1].lastIndexOf(':');
        if (colon < 0) {
            return;
        }
        try {
            if (Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                into.add(f[9]);
            }
        } catch (NumberFormatException e) {
            // the header row
        }
    }
}
