package dev.guildhall.message.attachment;

import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap proof of the upload path: ten 25 MiB files PUT at once stream through message-service to
 * the real embedded store. While they run, a sampler forces full collections and records the live
 * heap; if the service held files in memory, the live heap would grow by up to 250 MiB.
 */
class UploadHeapTest extends IntegrationTest {

    private static final long FILE = 25L * 1024 * 1024;
    private static final int FILES = 10;

    @Test
    void tenConcurrent25MiBUploadsKeepTheLiveHeapFlat() throws Exception {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        List<Map<String, Object>> specs = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            specs.add(Map.of("filename", "big-" + i + ".bin", "size", FILE, "content_type", "application/octet-stream"));
        }
        var reserved = api.post("/api/v1/channels/" + channel + "/attachments", token, Map.of("files", specs));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = liveHeap(memory);
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(liveHeap(memory), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.start();

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
        long started = System.nanoTime();
        for (JsonNode upload : reserved.body()) {
            URI url = URI.create(upload.path("upload_url").asString());
            URI local = URI.create("http://127.0.0.1:" + port + url.getRawPath() + "?" + url.getRawQuery());
            // the body is generated as it is sent: the test holds no file either
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(FILE)), FILE);
            puts.add(http.sendAsync(HttpRequest.newBuilder(local).header("Content-Type", "application/octet-stream")
                    .PUT(body).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> put : puts) {
            HttpResponse<String> answer = put.get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        sampler.join();

        long growth = peak.get() - baseline;
        System.out.printf("upload heap proof: %d × %d MiB in %.1f s (%.1f MB/s); live heap %d MiB → peak %d MiB (+%d MiB)%n",
                FILES, FILE >> 20, seconds, FILES * FILE / 1e6 / seconds, baseline >> 20, peak.get() >> 20, growth >> 20);
        // every file arrived whole
        for (JsonNode upload : reserved.body()) {
            URI url = URI.create(upload.path("upload_url").asString());
            assertThat(storeSize(url.getRawPath().substring(1))).isEqualTo(FILE);
        }
        assertThat(growth).as("live heap growth during 250 MiB of uploads").isLessThan(100L * 1024 * 1024);
    }

    @org.springframework.beans.factory.annotation.Autowired
    ObjectStore store;

    private long storeSize(String key) {
        return store.head(key).orElseThrow().contentLength();
    }

    /** The heap after a full collection: what is really held, not garbage waiting for the collector. */
    private static long liveHeap(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** {@code length} bytes of a repeating pattern, made as they are read. */
    private static final class Generated extends InputStream {
        private long left;

        Generated(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? (int) (left & 0x7f) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((left - i) & 0x7f);
            }
            left -= n;
            return n;
        }
    }
}
