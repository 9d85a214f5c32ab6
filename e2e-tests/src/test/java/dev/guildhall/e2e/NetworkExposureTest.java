package dev.guildhall.e2e;

import dev.guildhall.launcher.fleet.Fleet;
import dev.guildhall.launcher.fleet.ServiceInstance;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14, finding 1 (ADR 140): from another machine on the LAN only the gateway answers; every
 * other service, /internal/** included, listens on loopback.
 */
class NetworkExposureTest {

    @Test
    void onlyTheGatewayIsReachableOnTheMachinesOrdinaryAddress() throws Exception {
        Optional<InetAddress> lan = ordinaryAddress();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        Fleet fleet = E2eFleet.get();
        for (ServiceInstance instance : fleet.instances()) {
            boolean gateway = instance.name().equals("gateway-service");
            assertThat(reachable(lan.get(), instance.port()))
                    .as("%s (port %d) on %s", instance.name(), instance.port(), lan.get())
                    .isEqualTo(gateway);
            assertThat(reachable(InetAddress.getLoopbackAddress(), instance.port())).as(instance.name()).isTrue();
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
