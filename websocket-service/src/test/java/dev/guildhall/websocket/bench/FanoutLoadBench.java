package dev.guildhall.websocket.bench;

import dev.guildhall.websocket.support.Events;
import dev.guildhall.websocket.support.FakeUpstream;
import dev.guildhall.websocket.support.FakeUpstream.TestServer;
import dev.guildhall.websocket.support.GatewayNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not part of the build: {@code ./mvnw -pl websocket-service verify -Dtest=FanoutLoadBench
 * -Dgateway.bench=true -Dsurefire.failIfNoSpecifiedTests=false}. N sessions of one server, M messages
 * in a channel all of them see; measures READY for all, then fan-out throughput and latency
 * (publish → every client has it), with real Redis journaling each dispatch. Figures in ADR 070.
 */
@EnabledIfSystemProperty(named = "gateway.bench", matches = "true")
class FanoutLoadBench {

    static final int SESSIONS = Integer.getInteger("gateway.bench.sessions", 2000);
    static final int MESSAGES = Integer.getInteger("gateway.bench.messages", 50);
    static final int PACED = 20;
    static final java.util.regex.Pattern SENT = java.util.regex.Pattern.compile("\"sent\":(\\d+)");

    @Test
    void fanOut() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream()) {
            long server = 9_000_000_000L;
            long channel = server + 1;
            TestServer model = upstream.server(server, server + 2).channel(channel, "general", false);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                long user = server + 10 + i;
                model.member(user);
                tokens.add(upstream.token(user));
            }
            try (GatewayNode node = GatewayNode.start(upstream, benchProperties());
                 Events events = new Events()) {
                HttpClient http = HttpClient.newHttpClient();
                CountDownLatch ready = new CountDownLatch(SESSIONS);
                CountDownLatch delivered = new CountDownLatch(SESSIONS * MESSAGES);
                CountDownLatch paced = new CountDownLatch(SESSIONS * (MESSAGES + PACED));
                long[] latencies = new long[SESSIONS * (MESSAGES + PACED)];
                AtomicLong index = new AtomicLong();
                List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < SESSIONS; i++) {
                    String token = tokens.get(i);
                    sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/gateway"),
                            new WebSocket.Listener() {
                                final StringBuilder partial = new StringBuilder();

                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                    partial.append(data);
                                    if (last) {
                                        String frame = partial.toString();
                                        partial.setLength(0);
                                        if (frame.startsWith("{\"op\":10")) {
                                            ws.sendText("{\"op\":2,\"d\":{\"token\":\"" + token + "\"}}", true);
                                        } else if (frame.contains("\"t\":\"READY\"")) {
                                            ready.countDown();
                                        } else if (frame.contains("\"t\":\"MESSAGE_CREATE\"")) {
                                            java.util.regex.Matcher m = SENT.matcher(frame);
                                            m.find();
                                            long sent = Long.parseLong(m.group(1));
                                            latencies[(int) index.getAndIncrement()] = System.nanoTime() - sent;
                                            delivered.countDown();
                                            paced.countDown();
                                        }
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            }));
                    if (i % 100 == 99) {
                        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).join();
                    }
                }
                boolean allReady = ready.await(180, TimeUnit.SECONDS);
                long readyMillis = (System.nanoTime() - t0) / 1_000_000;
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

                long start = System.nanoTime();
                for (int m = 0; m < MESSAGES; m++) {
                    events.publish("messages", Long.toString(channel), "MESSAGE_CREATE", server, channel, server + 2,
                            Map.of("channel_id", Long.toString(channel), "content", "message " + m,
                                    "sent", System.nanoTime()));
                }
                boolean allDelivered = delivered.await(120, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] done = Arrays.copyOf(latencies, (int) index.get());
                Arrays.sort(done);
                System.out.printf("BENCH sessions=%d ready=%s in %d ms; heap after READY %d MB; messages=%d delivered=%s "
                                + "%d frames in %.2f s = %.0f frames/s; latency p50 %.1f ms p99 %.1f ms max %.1f ms; cpus=%d%n",
                        SESSIONS, allReady, readyMillis, heap >> 20, MESSAGES, allDelivered, done.length, seconds,
                        done.length / seconds, pct(done, 0.50), pct(done, 0.99), pct(done, 1.0),
                        Runtime.getRuntime().availableProcessors());
                // paced: one message every 200 ms, the latency a chat message sees
                int burst = (int) index.get();
                for (int m = 0; m < PACED; m++) {
                    events.publish("messages", Long.toString(channel), "MESSAGE_CREATE", server, channel, server + 2,
                            Map.of("channel_id", Long.toString(channel), "content", "paced " + m, "sent", System.nanoTime()));
                    Thread.sleep(200);
                }
                paced.await(60, TimeUnit.SECONDS);
                long[] pacedLatencies = Arrays.copyOfRange(latencies, burst, (int) index.get());
                Arrays.sort(pacedLatencies);
                System.out.printf("BENCH paced %d messages x %d sessions: last recipient within p50 %.1f ms p99 %.1f ms max %.1f ms%n",
                        PACED, SESSIONS, pct(pacedLatencies, 0.5), pct(pacedLatencies, 0.99), pct(pacedLatencies, 1.0));
                sockets.forEach(f -> f.join().abort());
                var identify = node.bean(io.micrometer.core.instrument.MeterRegistry.class).find("guildhall.gateway.identify").timer();
                System.out.printf("BENCH server-side IDENTIFY→READY mean %.1f ms max %.1f ms over %d%n",
                        identify.mean(TimeUnit.MILLISECONDS), identify.max(TimeUnit.MILLISECONDS), identify.count());
            }
        }
    }

    static Map<String, Object> benchProperties() {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("guildhall.websocket.identify-timeout", "120s"));
        if (Boolean.getBoolean("gateway.bench.noredis")) {
            props.put("guildhall.websocket.redis-url", "redis://127.0.0.1:1");
        }
        return props;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
