package dev.guildhall.bench.voice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NodeMetricsTest {

    static String scrape(long fast, long slow, long forwarded) {
        // two label sets, as a node with more tags would show: they add up
        return """
                # HELP media_forward_latency_seconds time of a forwarded RTP packet in the node
                # TYPE media_forward_latency_seconds histogram
                media_forward_latency_seconds_bucket{application="media-node",le="1.0E-4"} %d
                media_forward_latency_seconds_bucket{application="media-node",le="2.0E-4"} %d
                media_forward_latency_seconds_bucket{application="media-node",le="0.001"} %d
                media_forward_latency_seconds_bucket{application="media-node",le="+Inf"} %d
                media_forward_latency_seconds_count{application="media-node"} %d
                media_packets_forwarded_total{application="media-node"} %d
                media_packets_forwarded_total{application="other"} 1
                not a metric line
                """.formatted(0, fast, fast + slow, fast + slow, fast + slow, forwarded);
    }

    @Test
    void readsCountersAndBucketsAndDiffsTwoScrapes() {
        NodeMetrics before = NodeMetrics.parse(scrape(100, 0, 1000));
        NodeMetrics after = NodeMetrics.parse(scrape(1100, 100, 6000));
        assertThat(before.value(NodeMetrics.FORWARDED)).isEqualTo(1001);

        NodeMetrics window = after.since(before);
        assertThat(window.value(NodeMetrics.FORWARDED)).isEqualTo(5000);
        assertThat(window.latencyCount()).isEqualTo(1100);
        // 1000 in (0.1, 0.2] ms, 100 in (0.2, 1] ms: the median lies halfway into the first
        assertThat(window.latencyMillis(50)).isCloseTo(0.155, within(0.001));
        // rank 1089 of 1100: 89 of the 100 slow ones, 0.2 + 0.8 * 0.89 ms
        assertThat(window.latencyMillis(99)).isCloseTo(0.912, within(0.001));
    }

    @Test
    void noHistogramMeansNoPercentile() {
        assertThat(NodeMetrics.EMPTY.latencyMillis(99)).isNaN();
        assertThat(NodeMetrics.parse("media_packets_dropped_total 3\n").value(NodeMetrics.DROPPED)).isEqualTo(3);
    }
}
