package dev.guildhall.media.conference;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.ice.IceTransport;
import dev.guildhall.media.rtp.SendQueue;
import dev.guildhall.media.transport.EndpointTransport;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What every endpoint's transport shares: the node's UDP port, its DTLS certificate, its limits. */
public class MediaEngine {

    private final IceHarvesters harvesters;
    private final DtlsCertificate certificate;
    private final int sendQueueCapacity;
    private final long minBitrate;
    private final long maxBitrate;

    public MediaEngine(IceHarvesters harvesters, DtlsCertificate certificate, int sendQueueCapacity, long minBitrate,
                       long maxBitrate) {
        this.harvesters = harvesters;
        this.certificate = certificate;
        this.sendQueueCapacity = sendQueueCapacity;
        this.minBitrate = minBitrate;
        this.maxBitrate = maxBitrate;
    }

    EndpointTransport newTransport(String name, EndpointTransport.Listener listener) {
        return new EndpointTransport(name, handler -> {
            try {
                return new IceTransport(harvesters, name, true, handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, certificate, true, listener);
    }

    /** Where an endpoint's send queue delivers: its transport (tests observe routing here). */
    SendQueue.Sink sink(Endpoint endpoint, EndpointTransport transport) {
        return transport::send;
    }

    /** The clock of keyframe throttling (tests move it by hand). */
    long nanoTime() {
        return System.nanoTime();
    }

    String fingerprint() {
        return certificate.fingerprint();
    }

    int sendQueueCapacity() {
        return sendQueueCapacity;
    }

    long minBitrate() {
        return minBitrate;
    }

    long maxBitrate() {
        return maxBitrate;
    }

    public int udpPort() {
        return harvesters.port();
    }
}
