package dev.guildhall.media.conference;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtcp;
import dev.guildhall.media.rtp.SendQueue;
import dev.guildhall.media.transport.EndpointTransport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A media engine whose endpoints' send queues deliver into per-endpoint queues the test reads instead
 * of onto the network, with a clock for keyframe throttling that the test moves.
 */
final class RecordingEngine extends MediaEngine {

    record Sent(Packet packet, boolean rtcp) {
    }

    final AtomicLong now = new AtomicLong();
    private final Map<String, BlockingQueue<Sent>> sent = new ConcurrentHashMap<>();

    RecordingEngine(IceHarvesters harvesters) throws Exception {
        super(harvesters, DtlsCertificate.generate(), 64, 300_000, 2_500_000);
    }

    @Override
    SendQueue.Sink sink(Endpoint endpoint, EndpointTransport transport) {
        BlockingQueue<Sent> queue = queue(endpoint.id());
        return (packet, rtcp) -> queue.add(new Sent(packet, rtcp));
    }

    @Override
    long nanoTime() {
        return now.get();
    }

    void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }

    /** The next packet sent to {@code endpoint}, waiting for it to come through the send queue. */
    Sent next(String endpoint) throws InterruptedException {
        return queue(endpoint).poll(10, TimeUnit.SECONDS);
    }

    /** What was sent to {@code endpoint} until its queue went quiet, without the node's own receiver reports. */
    List<Sent> drain(String endpoint) throws InterruptedException {
        BlockingQueue<Sent> queue = queue(endpoint);
        List<Sent> out = new ArrayList<>();
        // queues drain on their own threads: give them a moment
        Sent s = queue.poll(300, TimeUnit.MILLISECONDS);
        while (s != null) {
            out.add(s);
            s = queue.poll(100, TimeUnit.MILLISECONDS);
        }
        out.removeIf(x -> x.rtcp() && Rtcp.blocks(x.packet()).stream().anyMatch(b -> b.type() == Rtcp.RR));
        return out;
    }

    private BlockingQueue<Sent> queue(String endpoint) {
        return sent.computeIfAbsent(endpoint, id -> new LinkedBlockingQueue<>());
    }
}
