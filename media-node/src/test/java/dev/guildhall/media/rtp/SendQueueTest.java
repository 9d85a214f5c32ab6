package dev.guildhall.media.rtp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-receiver queues on the shared sender pool: order, isolation, drops, close, wake-ups. */
@Timeout(60)
class SendQueueTest {

    private final List<SendPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(SendPool::close);
    }

    private SendPool pool(int threads) {
        SendPool pool = new SendPool(threads);
        pools.add(pool);
        return pool;
    }

    /** A packet that says who offered it (first two bytes) and its number from that offerer (next four). */
    private static Packet packet(int producer, int n) {
        Packet p = new Packet(new byte[12], 0, 12);
        p.putU16(0, producer);
        p.putU16(2, n >>> 16);
        p.putU16(4, n & 0xFFFF);
        return p;
    }

    private static int producer(Packet p) {
        return p.u16(0);
    }

    private static int number(Packet p) {
        return (p.u16(2) << 16) | p.u16(4);
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released").isTrue();
    }

    /** The sink returns before {@code sent} counts it: wait for the count, not only for the sink. */
    private static void awaitSent(SendQueue queue, long n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (queue.sent() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static List<Thread> start(int threads, IntConsumerWithIndex body) {
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> body.run(index), "offerer-" + t);
            thread.start();
            started.add(thread);
        }
        return started;
    }

    private interface IntConsumerWithIndex {
        void run(int index);
    }

    @Test
    void aReceiversPacketsLeaveInOrderOneAtATimeUnderConcurrentOffers() throws Exception {
        int producers = 4;
        int perProducer = 5_000;
        int[] last = new int[producers];
        java.util.Arrays.fill(last, -1);
        AtomicInteger inSink = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(producers * perProducer);
        SendQueue queue = new SendQueue(pool(4), "ordered", producers * perProducer, (p, rtcp) -> {
            if (inSink.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            int from = producer(p);
            int n = number(p);
            if (n != last[from] + 1) {
                outOfOrder.incrementAndGet();
            }
            last[from] = n;
            inSink.decrementAndGet();
            all.countDown();
        });

        for (Thread t : start(producers, index -> {
            for (int i = 0; i < perProducer; i++) {
                queue.offer(packet(index, i), false);
            }
        })) {
            t.join();
        }
        await(all);

        assertThat(overlaps).hasValue(0);
        assertThat(outOfOrder).hasValue(0);
        assertThat(last).containsOnly(perProducer - 1);
        awaitSent(queue, producers * perProducer);
        assertThat(queue.sent()).isEqualTo(producers * perProducer);
        assertThat(queue.dropped()).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingTheOfferer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inSink = new CountDownLatch(1);
        SendQueue queue = new SendQueue(pool(2), "slow", 16, (p, rtcp) -> {
            inSink.countDown();
            awaitQuietly(release);
        });
        assertThat(queue.offer(packet(0, 0), false)).isTrue();
        await(inSink); // the worker holds packet 0 in the blocked sink

        int accepted = 0;
        for (int i = 1; i <= 1000; i++) {
            if (queue.offer(packet(0, i), false)) {
                accepted++;
            }
        }
        // the offers returned while the sink is still blocked: none of them waited for it
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(accepted).isEqualTo(16);
        assertThat(queue.dropped()).isEqualTo(1000 - 16);

        release.countDown();
        awaitSent(queue, 17);
        assertThat(queue.sent()).isEqualTo(17);
    }

    @Test
    void aBlockedReceiverDoesNotHoldUpAnother() throws Exception {
        SendPool pool = pool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowInSink = new CountDownLatch(1);
        SendQueue slow = new SendQueue(pool, "slow", 64, (p, rtcp) -> {
            slowInSink.countDown();
            awaitQuietly(release);
        });
        CountDownLatch fastGot = new CountDownLatch(100);
        SendQueue fast = new SendQueue(pool, "fast", 128, (p, rtcp) -> fastGot.countDown());

        slow.offer(packet(0, 0), false);
        await(slowInSink);
        for (int i = 0; i < 100; i++) {
            slow.offer(packet(0, i + 1), false);
            fast.offer(packet(1, i), false);
        }
        await(fastGot);
        assertThat(release.getCount()).as("the slow receiver is still blocked").isEqualTo(1);
        assertThat(slow.sent()).isZero();

        release.countDown();
        awaitSent(slow, 65);
        assertThat(slow.sent()).isEqualTo(65);
        assertThat(slow.dropped()).isEqualTo(101 - 65);
    }

    @Test
    void closeStopsSendingAndRefusesNewPackets() throws Exception {
        SendPool pool = pool(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inSink = new CountDownLatch(1);
        ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
        SendQueue closing = new SendQueue(pool, "closing", 64, (p, rtcp) -> {
            sent.add(number(p));
            inSink.countDown();
            awaitQuietly(release);
        });
        for (int i = 0; i < 10; i++) {
            closing.offer(packet(0, i), false);
        }
        await(inSink);
        closing.close();
        assertThat(closing.offer(packet(0, 10), false)).isFalse();
        release.countDown();

        // one worker: this other queue's packet goes out only after the closed queue's drain has ended
        CountDownLatch other = new CountDownLatch(1);
        new SendQueue(pool, "other", 16, (p, rtcp) -> other.countDown()).offer(packet(1, 0), false);
        await(other);

        assertThat(sent).containsExactly(0);
        assertThat(closing.sent()).isEqualTo(1);
        assertThat(closing.dropped()).isEqualTo(1);
    }

    @Test
    void noOfferIsLeftBehindWhenQueuesEmptyAndRefillConcurrently() throws Exception {
        SendPool pool = pool(2);
        int queues = 4;
        int producers = 4;
        int perProducerAndQueue = 5_000;
        CountDownLatch all = new CountDownLatch(queues * producers * perProducerAndQueue);
        List<SendQueue> receivers = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            receivers.add(new SendQueue(pool, "r" + q, producers * perProducerAndQueue, (p, rtcp) -> all.countDown()));
        }
        for (Thread t : start(producers, index -> {
            for (int i = 0; i < perProducerAndQueue; i++) {
                for (SendQueue r : receivers) {
                    r.offer(packet(index, i), false);
                }
                if (i % 7 == 0) {
                    Thread.yield(); // let queues run dry now and then, where a wake-up could be lost
                }
            }
        })) {
            t.join();
        }
        await(all);
        for (SendQueue r : receivers) {
            awaitSent(r, producers * perProducerAndQueue);
            assertThat(r.sent()).isEqualTo(producers * perProducerAndQueue);
            assertThat(r.dropped()).isZero();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
