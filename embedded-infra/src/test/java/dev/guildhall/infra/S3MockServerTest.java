package dev.guildhall.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3-compatible store answers on loopback only (ADR 140), plain HTTP connector included. */
class S3MockServerTest {

    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackOnly() throws Exception {
        int port = FreePorts.find();
        try (S3MockServer s3 = S3MockServer.start(dir.resolve("s3"), port, dir.resolve("s3.log"), "bucket")) {
            assertThat(reachable(InetAddress.getLoopbackAddress(), port)).isTrue();
            Optional<InetAddress> lan = ordinaryAddress();
            if (lan.isPresent()) {
                assertThat(reachable(lan.get(), port)).as("port %d on %s", port, lan.get()).isFalse();
            }
            s3.createBucket("another");
        }
    }

    private static Optional<InetAddress> ordinaryAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean reachable(InetAddress host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
