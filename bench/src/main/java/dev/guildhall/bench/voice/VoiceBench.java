package dev.guildhall.bench.voice;

import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.Machine;
import dev.guildhall.bench.common.Progress;
import dev.guildhall.bench.common.TextTable;
import dev.guildhall.media.srtp.SrtpSession;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./guildhall bench voice}: Java endpoints on the node's own transport classes join conferences
 * on one media node and send Opus-shaped RTP with the audio-level extension at 50 packets/s; the table
 * gives forwarded packets/s, node CPU, loss, latency inside the node and end to end, and join time.
 * With {@code --gateway} (fleet mode) members join as a client does, through the REST join and the endpoint it
 * answers. Report on stdout, progress on stderr. See docs/benchmarks.md ("Voice") and ADR 081.
 */
public final class VoiceBench {

    private final VoiceBenchOptions options;
    private final Progress progress = new Progress();
    private final List<VoiceStepResult> results = new ArrayList<>();
    private String joinStart = "control-API allocation";
    private String world = "";

    private VoiceBench(VoiceBenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        VoiceBenchOptions options;
        try {
            options = VoiceBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench voice: " + e.getMessage());
            System.err.println(VoiceBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new VoiceBench(options).run());
    }

    private int run() throws Exception {
        // ice4j and jitsi log through java.util.logging: keep their INFO lines off the report
        Logger.getLogger("").setLevel(Level.SEVERE);
        for (java.util.logging.Handler h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.SEVERE);
        }
        String loadAtStart = Machine.loadAverage();
        String started = Instant.now().toString();
        SrtpSession.warmUp(); // jitsi-srtp picks its AES provider on first use: seconds, not to be timed
        NodeControl control = new NodeControl(options);
        if (control.scrape().latencyBuckets().isEmpty()) {
            progress.say("the node at %s shows no media_forward_latency_seconds histogram: node latency will be '-'",
                    options.target());
        }
        HttpClient signalling = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4, VoiceStep.daemon("signalling")))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        FleetJoins fleet = options.fleet() ? fleetJoins() : null;
        try (Pacer pacer = new Pacer(options.senders(), options.payloadBytes())) {
            // both JVMs are cold: the first joins take several times longer (class loading, the JIT)
            Joins primingJoins = fleet != null ? fleet : new DirectJoins(control, options, runId + "-0");
            VoiceStepResult primed = new VoiceStep(options, control, primingJoins, signalling, pacer, progress)
                    .run(options.primingEndpoints(), 1, 3);
            progress.say("priming (not reported): %s", String.join("  ", primed.cells()));
            for (int n : options.endpoints()) {
                if (!results.isEmpty()) {
                    TimeUnit.SECONDS.sleep(3); // the previous step's sockets and threads wind down
                }
                progress.say("step %d: %d endpoints in %d conferences", results.size() + 1, n, options.conferencesFor(n));
                Joins joins = fleet != null ? fleet : new DirectJoins(control, options, runId + "-" + (results.size() + 1));
                joinStart = joins.joinStart();
                VoiceStepResult r = new VoiceStep(options, control, joins, signalling, pacer, progress)
                        .run(n, options.warmupSeconds(), options.durationSeconds());
                results.add(r);
                progress.say("step %d: %s", results.size(), String.join("  ", r.cells()));
            }
        }
        System.out.println(report(loadAtStart, started));
        return 0;
    }

    /** Fleet mode: the saved world if it fits this run, else a new one (saved for the next run). */
    private FleetJoins fleetJoins() throws Exception {
        JsonHttp http = new JsonHttp();
        FleetWorld w = FleetWorld.load(options.world(), options, http, progress);
        if (w == null) {
            w = FleetWorld.create(options, http, progress);
            if (options.world() != null) {
                w.save(options.world());
            }
        }
        world = String.format(Locale.ROOT, "%d users in %d servers (%d members each, one joins per endpoint); joins"
                        + " through %s", w.users.size(), w.servers.size(), w.servers.get(0).members().size(),
                options.gateway());
        return new FleetJoins(w, http, options.gateway());
    }

    private String report(String loadAtStart, String started) {
        StringBuilder out = new StringBuilder();
        out.append("\nGuildhall voice bench, started ").append(started).append('\n');
        out.append("machine:  ").append(Machine.describe()).append('\n');
        out.append("load:     ").append(loadAtStart).append(" at start, ").append(Machine.loadAverage())
                .append(" at the end (1, 5, 15 min)\n");
        out.append("node:     ").append(options.target());
        if (!options.note().isBlank()) {
            out.append(" — ").append(options.note());
        }
        out.append('\n');
        if (!world.isEmpty()) {
            out.append("world:    ").append(world).append('\n');
        }
        out.append(String.format(Locale.ROOT, "load:     Java endpoints (ice4j, BouncyCastle DTLS client, jitsi-srtp) in "
                        + "this JVM, each sending Opus-shaped RTP (PT 111, %d-byte payload, RFC 6464 level) at 50 "
                        + "packets/s, %d loud per conference; joins at %.0f/s (%d in flight); %.0f s warm-up, %.0f s "
                        + "measured%n", options.payloadBytes(), options.speakers(), options.joinRate(),
                options.joinParallelism(), options.warmupSeconds(), options.durationSeconds()));
        out.append('\n');
        TextTable table = new TextTable(VoiceStepResult.HEADER);
        results.forEach(r -> table.row(r.cells()));
        out.append(table.render());
        out.append("streams = (source, receiver) pairs forwarded, Σ k(k−1) over conferences; fwd pkt/s = packets the "
                + "receivers got, sent in the window; node cores = the node process's CPU over the window;\n"
                + "loss = 1 − received / sent per stream; node p50/p99 = datagram read → encrypted and sent per "
                + "receiver (the node's media_forward_latency_seconds, interpolated in its buckets);\n"
                + "e2e = bench send → bench receive, decrypt included (both ends in this JVM); join = " + joinStart
                + " → first forwarded audio; latencies in ms\n");
        results.forEach(r -> out.append(r.details()).append('\n'));
        return out.toString();
    }
}
