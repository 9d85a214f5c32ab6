package dev.guildhall.websocket.resume;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.websocket.config.Redis;
import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal against the real (embedded) Redis: what a session's keys hold and how long they live once appends no
 * longer refresh them and a full buffer is cut back in steps (ADR 286).
 */
class ResumeStoreTest {

    static final int CAP = 40;
    static final long TTL = 60_000;

    static Redis redis;
    static ResumeStore store;
    static RedisClient client;
    static RedisCommands<String, String> r;

    @BeforeAll
    static void start() {
        String url = TestInfrastructure.get().redisUrl();
        redis = new Redis(url);
        eventually(Duration.ofSeconds(10), redis::connected);
        store = new ResumeStore(redis, new WebsocketMetrics(new SimpleMeterRegistry()), System::currentTimeMillis,
                TTL, 0, CAP);
        client = RedisClient.create(url);
        r = client.connect().sync();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        redis.close();
    }

    @Test
    void aFullJournalKeepsBetweenItsCapAndTheSlackOverWithNoGap() {
        GatewaySession session = newSession();
        for (long seq = 2; seq <= 301; seq++) {
            append(session, seq);
        }
        awaitSeq(session, 301);

        List<String> entries = r.lrange(ResumeStore.buffer(session.id()), 0, -1);
        assertThat(entries.size()).isBetween(CAP, CAP + JournalBatcher.slack(CAP));
        long first = seqOf(entries.get(0));
        assertThat(seqOf(entries.get(entries.size() - 1))).isEqualTo(301);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(seqOf(entries.get(i))).isEqualTo(first + i);
        }
        // what a RESUME checks: the journal continues right after the last entry dropped
        Claim claim = store.claim(session.id(), session.userId(), "next-owner").toCompletableFuture().join();
        assertThat(claim.trimmed()).isEqualTo(first - 1);
        assertThat(claim.seq()).isEqualTo(301);
        assertThat(claim.entries()).hasSize(entries.size());
    }

    @Test
    void theBufferGetsTheSessionTtlWhenAnAppendCreatesIt() {
        GatewaySession session = newSession();
        append(session, 2);
        awaitSeq(session, 2);

        assertThat(r.pttl(ResumeStore.buffer(session.id()))).isBetween(TTL - 5_000, TTL);
        assertThat(r.pttl(ResumeStore.meta(session.id()))).isBetween(TTL - 5_000, TTL);
    }

    @Test
    void appendsDoNotExtendTheKeysButHeartbeatsAndADisconnectDo() {
        GatewaySession session = newSession();
        append(session, 2);
        awaitSeq(session, 2);
        r.pexpire(ResumeStore.meta(session.id()), 20_000);
        r.pexpire(ResumeStore.buffer(session.id()), 20_000);

        append(session, 3);
        awaitSeq(session, 3);
        assertThat(r.pttl(ResumeStore.meta(session.id()))).isLessThanOrEqualTo(20_000);
        assertThat(r.pttl(ResumeStore.buffer(session.id()))).isLessThanOrEqualTo(20_000);

        store.heartbeat(session, 2);
        eventually(Duration.ofSeconds(5), () -> r.pttl(ResumeStore.meta(session.id())) > 30_000);
        assertThat(r.pttl(ResumeStore.buffer(session.id()))).isGreaterThan(30_000);
        assertThat(r.lrange(ResumeStore.buffer(session.id()), 0, -1)).hasSize(1); // 2 acknowledged (nothing kept)

        r.pexpire(ResumeStore.meta(session.id()), 20_000);
        r.pexpire(ResumeStore.buffer(session.id()), 20_000);
        store.touch(session);
        eventually(Duration.ofSeconds(5), () -> r.pttl(ResumeStore.meta(session.id())) > 30_000);
        assertThat(r.pttl(ResumeStore.buffer(session.id()))).isGreaterThan(30_000);
        assertThat(r.lrange(ResumeStore.buffer(session.id()), 0, -1)).hasSize(1); // a touch acknowledges nothing
    }

    @Test
    void aSessionWhoseKeysExpiredIsNotRecreatedByAnAppendOfTheOldOwner() {
        GatewaySession session = newSession();
        r.del(ResumeStore.meta(session.id()));
        append(session, 2);
        // the append finds no owner; the store then writes the session afresh at its current seq (logged), and no
        // buffer without a TTL is left behind
        eventually(Duration.ofSeconds(5), () -> r.exists(ResumeStore.meta(session.id())) == 1);
        assertThat(r.pttl(ResumeStore.meta(session.id()))).isPositive();
        assertThat(r.exists(ResumeStore.buffer(session.id()))).isZero();
    }

    @Test
    void aHeartbeatDropsWhatWasAcknowledgedAndOldEnoughAndKeepsTheRest() {
        AtomicLong clock = new AtomicLong(1_000);
        ResumeStore big = new ResumeStore(redis, new WebsocketMetrics(new SimpleMeterRegistry()), clock::get, TTL, 0,
                1_000);
        GatewaySession session = newSession(big);
        for (long seq = 2; seq <= 251; seq++) {
            clock.set(1_000 + seq);
            append(big, session, seq);
        }
        awaitSeq(session, 251);

        // acknowledged up to 240, but only entries older than the cutoff (1,200) go: 2..199, over two reads of the head
        clock.set(1_200);
        big.heartbeat(session, 240);
        eventually(Duration.ofSeconds(5), () -> "199".equals(r.hget(ResumeStore.meta(session.id()), "trimmed")));
        List<String> entries = r.lrange(ResumeStore.buffer(session.id()), 0, -1);
        assertThat(entries).hasSize(52);
        assertThat(seqOf(entries.get(0))).isEqualTo(200);

        clock.set(5_000);
        big.heartbeat(session, 220);
        eventually(Duration.ofSeconds(5), () -> "220".equals(r.hget(ResumeStore.meta(session.id()), "trimmed")));
        assertThat(seqOf(r.lindex(ResumeStore.buffer(session.id()), 0))).isEqualTo(221);

        big.heartbeat(session, 251);
        eventually(Duration.ofSeconds(5), () -> "251".equals(r.hget(ResumeStore.meta(session.id()), "trimmed")));
        assertThat(r.exists(ResumeStore.buffer(session.id()))).isZero();
        append(big, session, 252);
        awaitSeq(session, 252);
        assertThat(r.pttl(ResumeStore.buffer(session.id()))).isPositive();
        Claim claim = big.claim(session.id(), session.userId(), "next-owner").toCompletableFuture().join();
        assertThat(claim.trimmed()).isEqualTo(251);
        assertThat(claim.entries()).extracting(Claim.Entry::seq).containsExactly(252L);
    }

    private static GatewaySession newSession() {
        return newSession(store);
    }

    private static GatewaySession newSession(ResumeStore store) {
        GatewaySession session = new GatewaySession(UUID.randomUUID().toString(), 42, Intents.decode(-1),
                UUID.randomUUID().toString(), 1, "online", store, System::currentTimeMillis);
        store.create(session, 1);
        eventually(Duration.ofSeconds(5), () -> r.exists(ResumeStore.meta(session.id())) == 1);
        return session;
    }

    private static void append(GatewaySession session, long seq) {
        append(store, session, seq);
    }

    private static void append(ResumeStore store, GatewaySession session, long seq) {
        store.append(session, seq, DispatchFrame.of("MESSAGE_CREATE", "ref-" + seq,
                "{}".getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitSeq(GatewaySession session, long seq) {
        eventually(Duration.ofSeconds(10), () -> Long.toString(seq).equals(r.hget(ResumeStore.meta(session.id()), "seq")));
    }

    private static void eventually(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", within).isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long seqOf(String entry) {
        return Long.parseLong(entry.substring(0, entry.indexOf('|')));
    }
}
