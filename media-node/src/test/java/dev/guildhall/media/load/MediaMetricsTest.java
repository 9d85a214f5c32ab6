package dev.guildhall.media.load;

import dev.guildhall.media.conference.ConferenceRegistry;
import dev.guildhall.media.rtp.Packet;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MediaMetricsTest {

    @Test
    void theForwardLatencyOfAStampedPacketLandsInAHistogram() {
        try (ConferenceRegistry registry = new ConferenceRegistry(null)) {
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new MediaMetrics(registry).bindTo(meters);

            Packet forwarded = Packet.copyOf(new byte[12], 0, 12);
            forwarded.setReceivedNanos(System.nanoTime() - 2_000_000);
            registry.counters().countSent(forwarded);
            registry.counters().countSent(Packet.copyOf(new byte[12], 0, 12)); // not stamped: the node's own

            Timer timer = meters.get("media.forward.latency").timer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(2_000_000);
            // buckets from 10 µs, so a scraper can take sub-millisecond percentiles over any window
            assertThat(meters.scrape()).contains("media_forward_latency_seconds_bucket{le=\"1.0E-5\"} 0")
                    .contains("media_forward_latency_seconds_count 1");
        }
    }
}
