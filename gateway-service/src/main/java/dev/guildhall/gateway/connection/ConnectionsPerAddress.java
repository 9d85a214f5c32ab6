package dev.guildhall.gateway.connection;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Open connections per client address, with a cap (ADR 206). Thread-safe; an address with none is forgotten. */
final class ConnectionsPerAddress {

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Counts a new connection from {@code address}, or answers false (and counts nothing) when it holds the cap. */
    boolean tryOpen(InetAddress address) {
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    void closed(InetAddress address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
