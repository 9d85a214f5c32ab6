package dev.guildhall.bench.voice;

import dev.guildhall.bench.common.ProcCpu;
import dev.guildhall.bench.common.Progress;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One step: N endpoints join M conferences at the join rate (each sends as soon as its transport is up),
 * a warm-up, the measured window (node metrics and CPU read at both ends), a drain, then everything is
 * torn down. Join time = the start of the join ({@link Joins}: control-API allocation, or the REST join in
 * fleet mode) → first forwarded audio, for endpoints that joined a
 * conference where someone was already sending; the client's own set-up (certificate, ICE agent) is
 * done before the clock starts.
 */
final class VoiceStep {

    private static final int MAX_ERROR_SAMPLES = 3;

    private final VoiceBenchOptions options;
    private final NodeControl control;
    private final Joins joins;
    private final HttpClient signalling;
    private final Pacer pacer;
    private final Progress progress;
    private final ConcurrentLinkedQueue<String> joinErrors = new ConcurrentLinkedQueue<>();

    VoiceStep(VoiceBenchOptions options, NodeControl control, Joins joins, HttpClient signalling, Pacer pacer,
              Progress progress) {
        this.options = options;
        this.control = control;
        this.joins = joins;
        this.signalling = signalling;
        this.pacer = pacer;
        this.progress = progress;
    }

    VoiceStepResult run(int n, double warmupSeconds, double durationSeconds) throws InterruptedException {
        int m = options.conferencesFor(n);
        int size = (n + m - 1) / m;
        Window window = new Window();
        Recorder endToEnd = new Recorder(60_000_000L, 3);
        List<BenchEndpoint> endpoints = new ArrayList<>();
        List<List<BenchEndpoint>> members = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            BenchEndpoint e = new BenchEndpoint(i, m, size, i / m < options.speakers(), window, endToEnd);
            endpoints.add(e);
            members.get(e.conference).add(e);
        }
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("heartbeats"));
        heartbeats.scheduleAtFixedRate(() -> endpoints.forEach(BenchEndpoint::heartbeat), 15, 15, TimeUnit.SECONDS);
        try {
            joinAll(endpoints, members);
            long joined = endpoints.stream().filter(VoiceStep::joined).count();
            progress.say("%d of %d endpoints joined %d conferences; warm-up %.0f s", joined, n, m, warmupSeconds);
            TimeUnit.MILLISECONDS.sleep((long) (warmupSeconds * 1000));
            return measure(n, m, endpoints, members, window, endToEnd, durationSeconds);
        } finally {
            heartbeats.shutdownNow();
            pacer.clear();
            endpoints.forEach(BenchEndpoint::close);
            joins.leave(endpoints, m);
        }
    }

    private void joinAll(List<BenchEndpoint> endpoints, List<List<BenchEndpoint>> members) throws InterruptedException {
        ExecutorService joiners = Executors.newFixedThreadPool(options.joinParallelism(), daemon("join"));
        long start = System.nanoTime();
        for (BenchEndpoint e : endpoints) {
            long due = start + (long) (e.index * 1e9 / options.joinRate());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            joiners.submit(() -> join(e, members.get(e.conference)));
            if (e.index > 0 && e.index % 50 == 0) {
                progress.say("%d joins started", e.index);
            }
        }
        joiners.shutdown();
        if (!joiners.awaitTermination((long) (options.joinTimeoutSeconds() + 30), TimeUnit.SECONDS)) {
            joiners.shutdownNow();
        }
    }

    private void join(BenchEndpoint e, List<BenchEndpoint> conference) {
        try {
            e.peerSendingAtJoin = conference.stream().anyMatch(o -> o != e && o.sending);
            e.joinStarted = System.nanoTime();
            Joins.Ticket ticket = joins.join(e);
            e.allocatedAt = System.nanoTime();
            e.open(signalling, ticket.endpoint(), ticket.voiceToken());
            e.connected.get((long) (options.joinTimeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
            pacer.add(e);
            e.sending = true;
        } catch (Exception ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            joinErrors.add("join of " + e.sessionId() + ": " + cause);
        }
    }

    private VoiceStepResult measure(int n, int m, List<BenchEndpoint> endpoints, List<List<BenchEndpoint>> members,
                                    Window window, Recorder endToEnd, double durationSeconds)
            throws InterruptedException {
        long self = ProcessHandle.current().pid();
        NodeMetrics before = control.scrape();
        Double node0 = options.nodePid() > 0 ? ProcCpu.processSeconds(options.nodePid()) : null;
        Double bench0 = ProcCpu.processSeconds(self);
        Double machine0 = ProcCpu.machineBusySeconds();
        pacer.takeLag();
        pacer.takeSkipped();
        long start = System.nanoTime();
        window.open(start);
        progress.say("measuring %.0f s", durationSeconds);
        TimeUnit.MILLISECONDS.sleep((long) (durationSeconds * 1000));
        long end = System.nanoTime();
        window.close(end);
        NodeMetrics delta = control.scrape().since(before);
        double seconds = window.seconds();
        double nodeCores = cores(node0, options.nodePid() > 0 ? ProcCpu.processSeconds(options.nodePid()) : null, seconds);
        double benchCores = cores(bench0, ProcCpu.processSeconds(self), seconds);
        double machineCores = cores(machine0, ProcCpu.machineBusySeconds(), seconds);
        Histogram lag = pacer.takeLag();
        long skipped = pacer.takeSkipped();
        TimeUnit.MILLISECONDS.sleep((long) (options.drainSeconds() * 1000));

        StreamTally tally = new StreamTally();
        for (List<BenchEndpoint> conference : members) {
            tally.addConference(conference.stream().filter(e -> joined(e) && e.connectedAt < start).toList());
        }
        Histogram e2e = endToEnd.getIntervalHistogram();
        Histogram join = new ConcurrentHistogram(60_000_000L, 3);
        Histogram connect = new ConcurrentHistogram(60_000_000L, 3);
        Histogram allocate = new ConcurrentHistogram(60_000_000L, 3);
        Histogram offer = new ConcurrentHistogram(60_000_000L, 3);
        List<String> errors = new ArrayList<>(joinErrors);
        int joinedCount = 0;
        for (BenchEndpoint e : endpoints) {
            if (!joined(e)) {
                continue;
            }
            joinedCount++;
            connect.recordValue(Math.max(1, (e.connectedAt - e.joinStarted) / 1000));
            allocate.recordValue(Math.max(1, (e.allocatedAt - e.joinStarted) / 1000));
            offer.recordValue(Math.max(1, (e.offeredAt - e.joinStarted) / 1000));
            if (e.peerSendingAtJoin && e.firstAudioAt > 0) {
                join.recordValue(Math.max(1, (e.firstAudioAt - e.joinStarted) / 1000));
            }
            if (e.closedWith != null) {
                errors.add(e.sessionId() + ": " + e.closedWith);
            }
        }
        return new VoiceStepResult(n, m, tally.streams(), tally.received() / seconds, nodeCores, tally.lossPercent(),
                delta.latencyMillis(50), delta.latencyMillis(99), ms(e2e, 50), ms(e2e, 99), ms(join, 50), ms(join, 95),
                errors.size(), seconds, joinedCount, new double[] {ms(allocate, 50), ms(offer, 50), ms(connect, 50),
                        ms(connect, 95)}, joins.firstPhase(), join.getTotalCount(),
                delta.value(NodeMetrics.FORWARDED) / seconds, delta.value(NodeMetrics.RECEIVED) / seconds,
                (long) delta.value(NodeMetrics.DROPPED), benchCores,
                machineCores, ms(lag, 99), skipped, tally.emptyStreams(), tally.expected(), tally.received(),
                errors.stream().limit(MAX_ERROR_SAMPLES).toList());
    }

    private static boolean joined(BenchEndpoint e) {
        return e.connected.isDone() && !e.connected.isCompletedExceptionally() && e.sending;
    }

    /** Percentile of a microsecond histogram, in milliseconds. */
    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double cores(Double before, Double after, double seconds) {
        return before == null || after == null ? Double.NaN : (after - before) / seconds;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
