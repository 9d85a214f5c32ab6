package dev.guildhall.media.conference;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.ice.IceTransport;
import dev.guildhall.media.rtp.SendPool;
import dev.guildhall.media.rtp.SendQueue;
import dev.guildhall.media.transport.EndpointTransport;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What every endpoint's transport shares: the node's UDP port, its DTLS certificate, its sender threads,
 * its limits.
 */
public class MediaEngine implements AutoCloseable {

    private final IceHarvesters harvesters;
    private final DtlsCertificate certificate;
    private final int sendQueueCapacity;
    private final SendPool sendPool;
    private final long minBitrate;
    private final long maxBitrate;

    public MediaEngine(IceHarvesters harvesters, DtlsCertificate certificate, int sendQueueCapacity, long minBitrate,
                       long maxBitrate) {
        this(harvesters, certificate, sendQueueCapacity, 0, minBitrate, maxBitrate);
    }

    /** @param sendThreads the shared sender threads; 0 = {@link SendPool#defaultThreads()} */
    public MediaEngine(IceHarvesters harvesters, DtlsCertificate certificate, int sendQueueCapacity, int sendThreads,
                       long minBitrate, long maxBitrate) {
        this.harvesters = harvesters;
        this.certificate = certificate;
        this.sendQueueCapacity = sendQueueCapacity;
        this.sendPool = new SendPool(sendThreads);
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

    /** A receiver's bounded send queue, drained by the node's shared sender threads. */
    SendQueue newSendQueue(String name, SendQueue.Sink sink) {
        return new SendQueue(sendPool, name, sendQueueCapacity, sink);
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

    /** Stops the sender threads (after the conferences are closed). */
    @Override
    public void close() {
        sendPool.close();
    }
}
