package dev.guildhall.media.conference;

import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtcp;
import dev.guildhall.media.rtp.Rtp;
import dev.guildhall.media.sdp.MediaKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTCP termination and RTP routing inside one conference, with real endpoints whose send queues are
 * observed instead of encrypted onto the network, and whose clients have answered every offer.
 */
class RtcpRoutingTest {

    final NodeCounters counters = new NodeCounters();
    IceHarvesters harvesters;
    RecordingEngine engine;
    Conference conference;
    Endpoint alice;
    Endpoint bob;

    @BeforeEach
    void setUp() throws Exception {
        harvesters = new IceHarvesters(InetAddress.getByName("127.0.0.1"), 0);
        engine = new RecordingEngine(harvesters);
        conference = new Conference("c1", "c1", "s1", engine, counters);
        alice = conference.allocate("a", "100", Permissions.ALL);
        bob = conference.allocate("b", "200", Permissions.ALL);
        RecordingChannel toAlice = new RecordingChannel();
        RecordingChannel toBob = new RecordingChannel();
        alice.attach(toAlice);
        bob.attach(toBob);
        alice.declareUplink(MediaKind.AUDIO, 1111);
        bob.declareUplink(MediaKind.VIDEO, 3333);
        bob.declareUplink(MediaKind.AUDIO, 2222);
        Answers.all(alice, toAlice);
        Answers.all(bob, toBob);
        // alice's answer started bob's video: the keyframe asked for then is not what these tests look at
        Packet pli = engine.next("b").packet();
        assertThat(Rtcp.mediaSsrc(pli, Rtcp.blocks(pli).get(0))).isEqualTo(3333);
    }

    @AfterEach
    void tearDown() {
        conference.expireAll();
        harvesters.close();
    }

    @Test
    void aPliGoesToTheSourcesOwnerOnceperThrottleInterval() throws Exception {
        engine.advanceMillis(1_000);
        new RtcpTerminator(alice).accept(Rtcp.pli(1, 3333));
        new RtcpTerminator(alice).accept(Rtcp.pli(1, 3333));
        List<RecordingEngine.Sent> atBob = drain("b");
        assertThat(atBob).hasSize(1);
        Packet pli = atBob.get(0).packet();
        assertThat(atBob.get(0).rtcp()).isTrue();
        Rtcp.Block block = Rtcp.blocks(pli).get(0);
        assertThat(block.type()).isEqualTo(Rtcp.PSFB);
        assertThat(block.fmt()).isEqualTo(Rtcp.FMT_PLI);
        assertThat(Rtcp.mediaSsrc(pli, block)).isEqualTo(3333);
        assertThat(drain("a")).as("nothing back to the requester").isEmpty();

        engine.advanceMillis(350);
        new RtcpTerminator(alice).accept(Rtcp.fir(1, 3333, 1));
        assertThat(drain("b")).as("a FIR after the interval is passed on as a PLI").hasSize(1);
    }

    @Test
    void aNackIsAnsweredFromTheCacheNotByTheSender() throws Exception {
        UplinkRouter fromBob = new UplinkRouter(bob);
        for (int seq = 5; seq <= 10; seq++) {
            fromBob.accept(rtp(3333, seq, 96));
        }
        assertThat(drain("a")).as("forwarded once each").hasSize(6);

        new RtcpTerminator(alice).accept(nack(1, 3333, 7, 0b1)); // 7 and 8
        List<RecordingEngine.Sent> resent = drain("a");
        assertThat(resent).extracting(s -> Rtp.sequence(s.packet())).containsExactly(7, 8);
        assertThat(resent).allMatch(s -> !s.rtcp() && Rtp.ssrc(s.packet()) == 3333);
        assertThat(drain("b")).as("the sender does not see the NACK").isEmpty();
    }

    @Test
    void aForwardedCopyIsTimedFromItsArrivalButARetransmissionIsNot() throws Exception {
        List<Long> timed = new java.util.concurrent.CopyOnWriteArrayList<>();
        counters.onForwardLatency(timed::add);
        Packet packet = rtp(3333, 5, 96);
        packet.setReceivedNanos(System.nanoTime() - 1_000_000);
        new UplinkRouter(bob).accept(packet);
        List<RecordingEngine.Sent> atAlice = drain("a");
        assertThat(atAlice).hasSize(1);
        assertThat(atAlice.get(0).packet().receivedNanos()).isEqualTo(packet.receivedNanos());
        assertThat(timed).hasSize(1).allMatch(nanos -> nanos >= 1_000_000);

        new RtcpTerminator(alice).accept(nack(1, 3333, 5, 0));
        assertThat(drain("a")).extracting(s -> Rtp.sequence(s.packet())).containsExactly(5);
        assertThat(timed).as("a retransmission from the cache is not a forward").hasSize(1);
    }

    @Test
    void senderReportsReachReceiversWithoutReportBlocksAndReceiverReportsStopHere() throws Exception {
        Packet sr = senderReportWithOneBlock(3333);
        new RtcpTerminator(bob).accept(sr);
        List<RecordingEngine.Sent> atAlice = drain("a");
        assertThat(atAlice).hasSize(1);
        Packet forwarded = atAlice.get(0).packet();
        assertThat(forwarded.length()).isEqualTo(28);
        assertThat(forwarded.byteAt(0) & 0x1F).isZero();
        assertThat(forwarded.u32(4)).isEqualTo(3333);

        new RtcpTerminator(alice).accept(Rtcp.receiverReport(1, List.of(new Rtcp.ReportBlock(3333, 0, 0, 10, 0))));
        new RtcpTerminator(alice).accept(Rtcp.remb(1, 1_000_000, List.of(3333L)));
        assertThat(drain("b")).isEmpty();
    }

    @Test
    void aServerMutedEndpointsAudioIsNotForwardedButItsVideoIs() throws Exception {
        UplinkRouter fromBob = new UplinkRouter(bob);
        bob.setPermissions(new Permissions(false, true, true));
        fromBob.accept(rtp(2222, 1, 111));
        fromBob.accept(rtp(3333, 1, 96));
        assertThat(drain("a")).extracting(s -> Rtp.ssrc(s.packet())).containsExactly(3333L);
    }

    @Test
    void theNodeReportsReceptionAndAnnouncesABitrate() throws Exception {
        UplinkRouter fromAlice = new UplinkRouter(alice);
        dev.guildhall.media.rtp.ReceiveStatistics stats = new dev.guildhall.media.rtp.ReceiveStatistics(fromAlice);
        for (int seq = 1; seq <= 10; seq++) {
            if (seq != 4) {
                stats.accept(rtp(1111, seq, 111));
            }
        }
        dev.guildhall.media.rtp.ReceiveStatistics.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.reports()).hasSize(1);
        Rtcp.ReportBlock block = snapshot.reports().get(0);
        assertThat(block.ssrc()).isEqualTo(1111);
        assertThat(block.cumulativeLost()).isEqualTo(1);
        assertThat(block.extendedHighestSequence()).isEqualTo(10);
        assertThat(block.fractionLost()).isEqualTo(256 / 10);
    }

    @Test
    void endpointsLeavingTogetherWhileSpeakingDoNotDeadlock() throws Exception {
        for (int round = 0; round < 20; round++) {
            RecordingChannel a = new RecordingChannel();
            RecordingChannel b = new RecordingChannel();
            alice.attach(a);
            bob.attach(b);
            for (int i = 0; i < 3; i++) {
                conference.speakers().level("100", 20, i);
                conference.speakers().level("200", 20, i);
            }
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            Thread t1 = new Thread(() -> await(start, () -> alice.detach(a)));
            Thread t2 = new Thread(() -> await(start, () -> bob.detach(b)));
            t1.start();
            t2.start();
            start.countDown();
            t1.join(5000);
            t2.join(5000);
            assertThat(t1.isAlive() || t2.isAlive()).as("deadlocked in round %d", round).isFalse();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch, Runnable then) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        then.run();
    }

    private List<RecordingEngine.Sent> drain(String endpoint) throws InterruptedException {
        return engine.drain(endpoint);
    }

    static Packet rtp(long ssrc, int seq, int pt) {
        byte[] b = new byte[12 + 4 + Packet.TRAILER_ROOM];
        Packet p = new Packet(b, 0, 16);
        p.setByte(0, 0x80);
        p.setByte(1, pt);
        p.putU16(2, seq);
        p.putU32(4, seq * 3000L);
        p.putU32(8, ssrc);
        return p;
    }

    static Packet nack(long sender, long media, int pid, int blp) {
        byte[] b = new byte[16 + Packet.TRAILER_ROOM];
        Packet p = new Packet(b, 0, 16);
        p.setByte(0, 0x80 | Rtcp.FMT_NACK);
        p.setByte(1, Rtcp.RTPFB);
        p.putU16(2, 3);
        p.putU32(4, sender);
        p.putU32(8, media);
        p.putU16(12, pid);
        p.putU16(14, blp);
        return p;
    }

    static Packet senderReportWithOneBlock(long ssrc) {
        byte[] b = new byte[52 + Packet.TRAILER_ROOM];
        Packet p = new Packet(b, 0, 52);
        p.setByte(0, 0x81);
        p.setByte(1, Rtcp.SR);
        p.putU16(2, 12);
        p.putU32(4, ssrc);
        p.putU32(8, 0x12345678L);
        p.putU32(28, 999);
        return p;
    }
}
