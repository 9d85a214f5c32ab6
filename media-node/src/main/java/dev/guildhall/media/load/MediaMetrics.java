package dev.guildhall.media.load;

import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.conference.NodeCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The media node's domain metrics, in one place ({@code /actuator/prometheus}). */
@Component
public class MediaMetrics implements MeterBinder {

    private final ConferenceRegistry registry;

    public MediaMetrics(ConferenceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        NodeCounters counters = registry.counters();
        Gauge.builder("media.conferences", registry, r -> r.all().size())
                .description("conferences on this node").register(meters);
        Gauge.builder("media.endpoints", registry, ConferenceRegistry::endpointCount)
                .description("allocated endpoints on this node").register(meters);
        Gauge.builder("media.draining", registry, r -> r.draining() ? 1 : 0)
                .description("1 while the node takes no new conferences").register(meters);
        FunctionCounter.builder("media.packets.received", counters, NodeCounters::received)
                .description("RTP packets received and decrypted").register(meters);
        FunctionCounter.builder("media.packets.forwarded", counters, NodeCounters::forwarded)
                .description("RTP packets queued towards receivers").register(meters);
        FunctionCounter.builder("media.packets.dropped", counters, NodeCounters::dropped)
                .description("RTP packets a slow receiver's full queue refused").register(meters);
        // a histogram, so a scraper can take percentiles over any window (./guildhall bench voice does)
        Timer forward = Timer.builder("media.forward.latency")
                .description("time of a forwarded RTP packet in the node: datagram read to encrypted and sent, per receiver")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(meters);
        counters.onForwardLatency(nanos -> forward.record(nanos, TimeUnit.NANOSECONDS));
    }
}
