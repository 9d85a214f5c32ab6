package dev.guildhall.bench.files;

import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.JsonHttp.Reply;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.ProcCpu;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.Setup;
import dev.guildhall.bench.common.TextTable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.guildhall.bench.common.JsonHttp.map;

/**
 * {@code ./guildhall bench files}: upload throughput of the direct upload (reserve, PUT to the
 * {@code upload_url}, send) and of the multipart send, with 1 and 25 MiB files, 10 at a time; the peak memory
 * of gateway and message-service meanwhile; the latency from a 12-megapixel JPEG's send to its thumbnail; and
 * the bench's own CPU. The direct upload goes wherever the fleet's {@code upload_url} points: through the
 * gateway (GATEWAY mode, the default) or straight to the store (PRESIGNED, ADR 161); the report says which.
 */
public final class FilesBench {

    private static final int MIB = 1024 * 1024;

    private final FilesOptions o;
    private final JsonHttp json = new JsonHttp();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Progress progress = new Progress();
    private final AtomicInteger throttled = new AtomicInteger();
    private final List<String> channels = new ArrayList<>();
    private String token;
    /** Where the last direct upload's {@code upload_url} pointed. */
    private volatile String directTarget = "not run";

    private FilesBench(FilesOptions o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        FilesOptions options;
        try {
            options = FilesOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(FilesOptions.USAGE);
            System.exit(2);
            return;
        }
        new FilesBench(options).run();
    }

    /** One measured case. */
    record CaseResult(String path, int sizeMib, int files, double seconds, long bytes, int failures,
                      MemorySampler.Peaks peaks, double ownCpuSeconds, double machineCpuSeconds) {
        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    private void run() throws Exception {
        setUp();
        warmUp();
        TextTable table = new TextTable(List.of("PATH", "SIZE", "FILES", "SECONDS", "MB/S", "FAILED",
                "GW HEAP PEAK", "GW RSS PEAK", "MSG RSS PEAK", "BENCH CPU", "MACHINE CPU"));
        List<String> notes = new ArrayList<>();
        try (MemorySampler memory = new MemorySampler(o.target(), o.operatorToken(), o.fleetData())) {
            for (int size : o.sizesMib()) {
                byte[] data = randomBytes(size * MIB);
                for (String path : List.of("direct", "multipart")) {
                    CaseResult r = measure(path, size, data, memory);
                    String label = path.equals("direct") ? "direct (" + directTarget + ")" : "multipart send";
                    table.row(List.of(label, size + " MiB", Integer.toString(r.files()),
                            f1(r.seconds()), f1(r.mbPerSecond()), Integer.toString(r.failures()),
                            mib(r.peaks().gatewayHeap()), mib(r.peaks().gatewayRss()), mib(r.peaks().messageRss()),
                            String.format(Locale.ROOT, "%.1f s", r.ownCpuSeconds()),
                            String.format(Locale.ROOT, "%.1f s", r.machineCpuSeconds())));
                }
            }
            notes.add("memory: " + memory.sources()
                    + "; message-service's heap is not reachable (its actuator exposes health only), its RSS bounds it");
            if ("through the gateway".equals(directTarget)) {
                notes.add("direct to the store: not measured, the fleet answers upload_urls through the gateway"
                        + " (GUILDHALL_ATTACHMENT_UPLOAD_MODE=GATEWAY); a fleet with PRESIGNED gives presigned store PUTs");
            }
        }
        String thumbs = o.thumbnails() > 0 ? thumbnails() : "thumbnails: not measured (--thumbnails 0)";

        System.out.println("bench files on " + Machine.describe() + ", load " + Machine.loadAverage());
        System.out.println("target " + o.target() + (o.note().isBlank() ? "" : "; " + o.note()));
        System.out.println(o.concurrency() + " uploads at once, each to a channel of its own; MB = 10^6 bytes;"
                + " a direct upload = reserve + PUT + send, a multipart upload = one send with payload_json + files[0]");
        System.out.println();
        System.out.print(table.render());
        System.out.println();
        notes.forEach(System.out::println);
        if (throttled.get() > 0) {
            System.out.println("rate limited (429, waited and retried, inside the timings): " + throttled.get());
        }
        System.out.println(thumbs);
        System.out.println("BENCH CPU: this load generator's own CPU seconds in the case; MACHINE CPU: every process's"
                + " (the fleet's, the bench's and anything else on the machine)");
    }

    private void setUp() {
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000_000L, 36);
        String username = "bf" + run;
        String password = "bench files passphrase " + run;
        progress.say("set-up: account %s, a server with %d text channels on %s", username, o.concurrency(), o.target());
        json.call("POST", o.target(), "/api/v1/auth/register", null,
                map("username", username, "email", username + "@bench.example", "password", password))
                .expect("register", 201);
        token = Setup.login(json, o.target(), username, password).access();
        String server = json.call("POST", o.target(), "/api/v1/servers", token, map("server_name", "bench files " + run))
                .expect("create server", 201).text("server_id");
        for (JsonNode channel : json.call("GET", o.target(), "/api/v1/servers/" + server + "/channels", token, null)
                .expect("list channels", 200).body()) {
            if ("general".equals(channel.path("channel_name").asString())) {
                channels.add(channel.path("channel_id").asString());
            }
        }
        // the send limit is per user and channel (5 per 5 s): every concurrent uploader has a channel of its own
        while (channels.size() < o.concurrency()) {
            channels.add(json.call("POST", o.target(), "/api/v1/servers/" + server + "/channels", token,
                            map("channel_name", "files-" + channels.size(), "channel_type", "text"))
                    .expect("create channel", 200, 201).text("channel_id"));
        }
    }

    /**
     * A fresh fleet's first calls can outlast the gateway's time limit (cold JIT, empty caches) and open the
     * messages route's circuit breaker, failing every upload after them: small uploads on both paths, one at a
     * time and not measured, until each has gone through three times (at most two minutes).
     */
    private void warmUp() {
        progress.say("warm-up: small uploads on both paths until they go through");
        byte[] small = randomBytes(64 * 1024);
        long deadline = System.nanoTime() + 120_000_000_000L;
        int ok = 0;
        for (int i = 0; ok < 6 && System.nanoTime() < deadline; i++) {
            try {
                if (i % 2 == 0) {
                    direct(channels.get(0), -1 - i, small);
                } else {
                    multipart(channels.get(1 % channels.size()), "warm" + i + ".bin", "application/octet-stream", small);
                }
                ok++;
            } catch (RuntimeException e) {
                progress.say("  warm-up upload failed (%s), again in 2 s", brief(e.getMessage()));
                sleep(2000);
            }
        }
        if (ok < 6) {
            progress.say("warm-up: only %d uploads went through in two minutes; measuring anyway", ok);
        }
    }

    private CaseResult measure(String path, int sizeMib, byte[] data, MemorySampler memory) throws Exception {
        int files = o.filesFor(sizeMib);
        progress.say("%s: %d files of %d MiB, %d at a time", path, files, sizeMib, o.concurrency());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Double cpu0 = ProcCpu.processSeconds(ProcessHandle.current().pid());
        Double machine0 = ProcCpu.machineBusySeconds();
        memory.reset();
        long start = System.nanoTime();
        Setup.parallel(o.concurrency(), o.concurrency(), worker -> {
            String channel = channels.get(worker);
            for (int n = next.getAndIncrement(); n < files; n = next.getAndIncrement()) {
                try {
                    if (path.equals("direct")) {
                        direct(channel, n, data);
                    } else {
                        multipart(channel, "f" + n + ".bin", "application/octet-stream", data);
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    progress.say("  %s upload %d failed: %s", path, n, brief(e.getMessage()));
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        MemorySampler.Peaks peaks = memory.peaks();
        Double cpu1 = ProcCpu.processSeconds(ProcessHandle.current().pid());
        Double machine1 = ProcCpu.machineBusySeconds();
        long bytes = (long) (files - failures.get()) * data.length;
        return new CaseResult(path, sizeMib, files, seconds, bytes, failures.get(), peaks,
                cpu0 == null || cpu1 == null ? -1 : cpu1 - cpu0,
                machine0 == null || machine1 == null ? -1 : machine1 - machine0);
    }

    /** Reserve, PUT the bytes to the {@code upload_url} (no Authorization: the URL is signed), send. */
    private void direct(String channel, int n, byte[] data) {
        String filename = "d" + n + ".bin";
        Reply reserved = withRetry(() -> json.call("POST", o.target(), "/api/v1/channels/" + channel + "/attachments",
                token, map("files", List.of(map("filename", filename, "size", data.length,
                        "content_type", "application/octet-stream"))))).expect("reserve", 200, 201);
        JsonNode upload = reserved.body().get(0);
        String url = upload.path("upload_url").asString();
        directTarget = url.startsWith(o.target().toString()) ? "through the gateway" : "straight to the store";
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT answered " + put.statusCode() + ": " + put.body());
        }
        withRetry(() -> json.call("POST", o.target(), "/api/v1/channels/" + channel + "/messages", token,
                map("content", "bench files " + n, "attachments", List.of(map("upload_id",
                        upload.path("upload_id").asString(), "filename", filename))))).expect("send", 200, 201);
    }

    /** One multipart send; answers the message. */
    private JsonNode multipart(String channel, String filename, String contentType, byte[] data) {
        String boundary = "benchfiles" + Long.toHexString(System.nanoTime());
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"content\":\"bench files\"}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(o.target() + "/api/v1/channels/" + channel
                            + "/messages")).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                            HttpRequest.BodyPublishers.ofByteArray(data),
                            HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8))).build());
            if (r.statusCode() == 429 && attempt < 5) {
                throttled.incrementAndGet();
                sleep(retryAfterMillis(r.body()));
                continue;
            }
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("multipart send answered " + r.statusCode() + ": " + r.body());
            }
            return JsonHttp.JSON.readTree(r.body());
        }
    }

    /**
     * Sends 12-megapixel JPEGs one after another and polls each message (every 50 ms) until its attachment has a
     * thumbnail: the latency from the send's answer to the thumbnail, which the media worker makes
     * asynchronously after the upload (outbox event, copy from the store, decode, PUT, MESSAGE_UPDATE).
     */
    private String thumbnails() throws Exception {
        byte[] jpeg = TestJpeg.twelveMegapixels();
        progress.say("thumbnails: %d sends of a 4000 x 3000 JPEG (%d KB)", o.thumbnails(), jpeg.length / 1000);
        List<Double> latencies = new ArrayList<>();
        List<Double> sends = new ArrayList<>();
        int missing = 0;
        int missingInARow = 0;
        for (int i = 0; i < o.thumbnails() && missingInARow < 2; i++) {
            String channel = channels.get(i % channels.size());
            long start = System.nanoTime();
            JsonNode message = multipart(channel, "photo" + i + ".jpg", "image/jpeg", jpeg);
            long sent = System.nanoTime();
            sends.add((sent - start) / 1e6);
            String id = message.path("message_id").asString();
            boolean seen = false;
            while (System.nanoTime() - sent < 60_000_000_000L) {
                Reply read = json.call("GET", o.target(), "/api/v1/channels/" + channel + "/messages/" + id, token, null);
                JsonNode thumbnail = read.body().path("attachments").path(0).path("thumbnail");
                if (read.status() == 200 && thumbnail.isObject()) {
                    latencies.add((System.nanoTime() - sent) / 1e6);
                    seen = true;
                    missingInARow = 0;
                    break;
                }
                sleep(50);
            }
            if (!seen) {
                missing++;
                missingInARow++;
                progress.say("  no thumbnail for message %s within 60 s", id);
            }
        }
        return String.format(Locale.ROOT, "thumbnail of a 12-megapixel JPEG (%d KB), %d sends one at a time:"
                        + " send %s; send answered -> thumbnail on the message (polled every 50 ms) %s%s",
                jpeg.length / 1000, sends.size(), percentiles(sends), percentiles(latencies),
                missing > 0 ? "; " + missing + " got none within 60 s (two in a row end the case)" : "");
    }

    static String percentiles(List<Double> millis) {
        if (millis.isEmpty()) {
            return "(none)";
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms", percentile(sorted, 50), percentile(sorted, 95));
    }

    /** Nearest-rank percentile of a sorted list. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private Reply withRetry(java.util.function.Supplier<Reply> call) {
        for (int attempt = 0; ; attempt++) {
            Reply r = call.get();
            if (r.status() != 429 || attempt >= 5) {
                return r;
            }
            throttled.incrementAndGet();
            sleep(retryAfterMillis(r.raw()));
        }
    }

    private static long retryAfterMillis(String body) {
        try {
            return (long) (JsonHttp.JSON.readTree(body).path("retry_after").asDouble(1) * 1000) + 50;
        } catch (RuntimeException e) {
            return 1000;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Incompressible bytes (sniffed as application/octet-stream), shared by every upload of a case. */
    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new SplittableRandom(11).nextBytes(data);
        return data;
    }

    private static String brief(String message) {
        String m = message == null ? "" : message;
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) MIB);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
