package dev.guildhall.media.ice;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.ice.harvest.StaticMappingCandidateHarvester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's one UDP port: a single-port harvester every endpoint's ICE agent shares (packets are
 * told apart by the STUN username, then by remote address). When the advertised address is not on
 * a local interface (1:1 NAT), a static mapping advertises it in front of the bound one.
 */
public final class IceHarvesters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IceHarvesters.class);

    static {
        defaults();
    }

    /** ice4j settings the node relies on; must run before ice4j reads its configuration. */
    static void defaults() {
        // no cloud discovery: ice4j would otherwise probe the AWS metadata address
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        System.setProperty("org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER", "true");
        System.setProperty("ice4j.harvest.use-ipv6", "false");
    }

    private final SinglePortUdpHarvester udp;
    private final StaticMappingCandidateHarvester mapping;
    private final InetAddress publicAddress;
    private final int port;

    public IceHarvesters(InetAddress publicAddress, int port) {
        this.publicAddress = publicAddress;
        try {
            InetAddress bind = isLocal(publicAddress) ? publicAddress : firstNonLoopbackIpv4(publicAddress);
            this.udp = new SinglePortUdpHarvester(new TransportAddress(bind, port, Transport.UDP));
            this.port = udp.getLocalAddress().getPort();
            if (!bind.equals(publicAddress)) {
                mapping = new StaticMappingCandidateHarvester(
                        new TransportAddress(publicAddress, this.port, Transport.UDP),
                        new TransportAddress(bind, this.port, Transport.UDP));
            } else {
                mapping = null;
            }
            log.info("media UDP on {}:{}, advertised as {}", bind.getHostAddress(), this.port,
                    publicAddress.getHostAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the media UDP port " + port, e);
        }
    }

    /** The first IPv4 address of an up, non-loopback interface, or {@code fallback}. */
    public static InetAddress firstNonLoopbackIpv4(InetAddress fallback) {
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address instanceof java.net.Inet4Address && !address.isLinkLocalAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            log.warn("cannot list network interfaces: {}", e.toString());
        }
        return fallback;
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    List<CandidateHarvester> forAgent() {
        List<CandidateHarvester> list = new ArrayList<>();
        list.add(udp);
        if (mapping != null) {
            list.add(mapping);
        }
        return list;
    }

    public int port() {
        return port;
    }

    public InetAddress publicAddress() {
        return publicAddress;
    }

    @Override
    public void close() {
        udp.close();
    }
}
