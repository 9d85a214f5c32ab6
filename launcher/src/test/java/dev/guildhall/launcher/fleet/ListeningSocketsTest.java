package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningSocketsTest {

    @Test
    void readsTheListeningRowsOfProcNetTcp() {
        Set<String> inodes = new HashSet<>();
        ListeningSockets.inodeIfListening("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", 8080, inodes);
        ListeningSockets.inodeIfListening("   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0", 8080, inodes);
        ListeningSockets.inodeIfListening("   1: 0100007F:1F90 0100007F:A2C4 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1", 8080, inodes);
        ListeningSockets.inodeIfListening("   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0", 8080, inodes);
        assertThat(inodes).containsExactly("4242");
    }

    /** Two sockets share a port with SO_REUSEPORT, as a gateway and its successor do; each belongs to its process. */
    @Test
    void tellsWhetherThisProcessListensOnAPort() throws Exception {
        long self = ProcessHandle.current().pid();
        try (ServerSocketChannel first = ServerSocketChannel.open()) {
            first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) first.getLocalAddress()).getPort();
            assertThat(ListeningSockets.listens(self, port)).isTrue();
            try (ServerSocketChannel second = ServerSocketChannel.open()) {
                second.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(ListeningSockets.listeningInodes(port)).hasSize(2);
            }
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
            assertThat(ListeningSockets.listens(parent, port)).as("another process").isFalse();
        }
        try (ServerSocket gone = new ServerSocket(0)) {
            int port = gone.getLocalPort();
            gone.close();
            assertThat(ListeningSockets.listens(self, port)).isFalse();
        }
    }
}
