package dev.guildhall.websocket.session;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.FrameCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The opcode state machine, driven frame by frame with a manual clock. */
class GatewayConnectionTest {

    static final ConnectionSettings SETTINGS = new ConnectionSettings(1000, 1500, 5000, 10, 60_000);

    final AtomicLong clock = new AtomicLong(1_000_000);
    final RecordingTransport transport = new RecordingTransport();
    final FakeOperations operations = new FakeOperations();
    final WebsocketMetrics metrics = new WebsocketMetrics(new SimpleMeterRegistry());
    GatewayConnection connection;

    @BeforeEach
    void open() {
        connection = new GatewayConnection(transport, operations, new FrameCodec(tools.jackson.databind.json.JsonMapper.builder().build(), 4096),
                SETTINGS, clock::get, metrics);
        connection.open();
    }

    void send(String json) {
        connection.onMessage(json.getBytes(StandardCharsets.UTF_8));
    }

    void identify() {
        send("{\"op\":2,\"d\":{\"token\":\"good\",\"properties\":{}}}");
    }

    @Test
    void helloFirstWithTheHeartbeatInterval() {
        assertThat(transport.json()).hasSize(1);
        assertThat(transport.last().path("op").asInt()).isEqualTo(10);
        assertThat(transport.last().path("d").path("heartbeat_interval").asLong()).isEqualTo(1000);
    }

    @Test
    void identifyLeadsToReadyWithSequenceOne() {
        identify();
        assertThat(connection.state()).isEqualTo(GatewayConnection.State.READY);
        assertThat(transport.last().path("t").asString()).isEqualTo("READY");
        assertThat(transport.last().path("s").asLong()).isEqualTo(1);
        assertThat(operations.identified).hasSize(1);
    }

    @Test
    void noIdentifyWithinTheTimeoutCloses4003() {
        clock.addAndGet(4999);
        connection.checkTimeouts(clock.get());
        assertThat(transport.closeCode).isNull();
        clock.addAndGet(2);
        connection.checkTimeouts(clock.get());
        assertThat(transport.closeCode).isEqualTo(4003);
    }

    @Test
    void heartbeatsAreAnsweredAndKeepTheConnectionAlive() {
        identify();
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(1000);
            send("{\"op\":1,\"d\":1}");
            connection.checkTimeouts(clock.get());
            assertThat(transport.last().path("op").asInt()).isEqualTo(11);
        }
        assertThat(transport.closeCode).isNull();
        assertThat(operations.acked).containsOnly(1L);
    }

    @Test
    void silenceBeyondIntervalTimesFactorIsAZombie4009() {
        identify();
        clock.addAndGet(1501);
        connection.checkTimeouts(clock.get());
        assertThat(transport.closeCode).isEqualTo(4009);
        assertThat(operations.lost).containsExactly(true);
    }

    @Test
    void unknownOpcodeCloses4001() {
        send("{\"op\":42}");
        assertThat(transport.closeCode).isEqualTo(4001);
    }

    @Test
    void serverOnlyOpcodesFromTheClientAreUnknownToo() {
        identify();
        send("{\"op\":0,\"d\":{}}");
        assertThat(transport.closeCode).isEqualTo(4001);
    }

    @Test
    void undecodableFramesClose4002() {
        for (String bad : List.of("not json", "[1,2]", "{\"d\":1}", "{\"op\":\"1\"}", "{\"op\":1.5}",
                "{\"op\":2,\"d\":{}}", "{\"op\":2,\"d\":{\"token\":\"good\",\"intents\":\"all\"}}",
                "{\"op\":6,\"d\":{\"token\":\"t\",\"session_id\":\"s\"}}")) {
            RecordingTransport t = new RecordingTransport();
            GatewayConnection c = new GatewayConnection(t, operations,
                    new FrameCodec(tools.jackson.databind.json.JsonMapper.builder().build(), 4096), SETTINGS, clock::get, metrics);
            c.open();
            c.onMessage(bad.getBytes(StandardCharsets.UTF_8));
            assertThat(t.closeCode).as(bad).isEqualTo(4002);
        }
    }

    @Test
    void oversizedFramesClose4002() {
        send("{\"op\":1,\"d\":\"" + "x".repeat(4100) + "\"}");
        assertThat(transport.closeCode).isEqualTo(4002);
    }

    @Test
    void secondIdentifyCloses4005() {
        identify();
        identify();
        assertThat(transport.closeCode).isEqualTo(4005);
        // the session survives a 4005: it may be resumed
        assertThat(operations.lost).containsExactly(true);
    }

    @Test
    void identifyWhileTheFirstIsInFlightCloses4005() {
        operations.hold = true;
        identify();
        identify();
        assertThat(transport.closeCode).isEqualTo(4005);
    }

    @Test
    void presenceBeforeIdentifyCloses4003() {
        send("{\"op\":3,\"d\":{\"status\":\"idle\"}}");
        assertThat(transport.closeCode).isEqualTo(4003);
    }

    @Test
    void presenceAfterIdentifyIsPassedOnNormalized() {
        identify();
        send("{\"op\":3,\"d\":{\"status\":\"idle\"}}");
        send("{\"op\":3,\"d\":{\"status\":\"offline\"}}");
        send("{\"op\":3,\"d\":{\"status\":\"bogus\"}}");
        assertThat(operations.statuses).containsExactly("idle", "invisible");
    }

    @Test
    void badTokenCloses4004AndLeavesNoSession() {
        send("{\"op\":2,\"d\":{\"token\":\"bad\"}}");
        assertThat(transport.closeCode).isEqualTo(4004);
        assertThat(operations.lost).isEmpty();
    }

    @Test
    void tooManyFramesClose4008() {
        for (int i = 0; i < 10; i++) {
            send("{\"op\":1,\"d\":null}");
        }
        assertThat(transport.closeCode).isNull();
        send("{\"op\":1,\"d\":null}");
        assertThat(transport.closeCode).isEqualTo(4008);
    }

    @Test
    void theRateWindowStartsOver() {
        for (int i = 0; i < 10; i++) {
            send("{\"op\":1,\"d\":null}");
        }
        clock.addAndGet(60_000);
        send("{\"op\":1,\"d\":null}");
        assertThat(transport.closeCode).isNull();
    }

    @Test
    void invalidResumeAnswersOp9AndAllowsIdentify() {
        send("{\"op\":6,\"d\":{\"token\":\"good\",\"session_id\":\"gone\",\"seq\":3}}");
        assertThat(transport.last().path("op").asInt()).isEqualTo(9);
        assertThat(transport.last().path("d").asBoolean()).isFalse();
        identify();
        assertThat(transport.last().path("t").asString()).isEqualTo("READY");
    }

    @Test
    void resumeBeyondTheSessionsSequenceCloses4007() {
        send("{\"op\":6,\"d\":{\"token\":\"good\",\"session_id\":\"ahead\",\"seq\":3}}");
        assertThat(transport.closeCode).isEqualTo(4007);
    }

    @Test
    void clientClosingWith1000EndsTheSessionAnythingElseKeepsIt() {
        identify();
        connection.onTransportClosed(1000);
        assertThat(operations.lost).containsExactly(false);

        RecordingTransport t = new RecordingTransport();
        GatewayConnection other = new GatewayConnection(t, operations,
                new FrameCodec(tools.jackson.databind.json.JsonMapper.builder().build(), 4096), SETTINGS, clock::get, metrics);
        other.open();
        other.onMessage("{\"op\":2,\"d\":{\"token\":\"good\"}}".getBytes(StandardCharsets.UTF_8));
        other.onTransportClosed(1006);
        assertThat(operations.lost).containsExactly(false, true);
    }

    @Test
    void aClientThatCannotKeepUpIsClosedResumably() {
        RecordingTransport small = new RecordingTransport(3);
        GatewayConnection slow = new GatewayConnection(small, operations,
                new FrameCodec(tools.jackson.databind.json.JsonMapper.builder().build(), 4096), SETTINGS, clock::get, metrics);
        slow.open();
        slow.onMessage("{\"op\":2,\"d\":{\"token\":\"good\"}}".getBytes(StandardCharsets.UTF_8));
        GatewaySession session = slow.session();
        DispatchFrame event = DispatchFrame.of("MESSAGE_CREATE", "e1", "{}".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            session.dispatch(event);
        }
        assertThat(small.closeCode).isEqualTo(4000);
        assertThat(small.flushed).isFalse();
        assertThat(metrics.count("guildhall.gateway.dropped")).isEqualTo(1);
        slow.onTransportClosed(1006);
        assertThat(operations.lost).containsExactly(true);
        // numbering went on: the journal has every event for the resume
        assertThat(session.seq()).isEqualTo(6);
    }

    /** Identify/resume outcomes chosen by token and session id. */
    static final class FakeOperations implements SessionOperations {
        final List<GatewaySession> identified = new ArrayList<>();
        final List<Long> acked = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        final List<Boolean> lost = new ArrayList<>();
        boolean hold;

        @Override
        public Mono<GatewaySession> identify(GatewayConnection connection, IdentifyRequest request) {
            if (hold) {
                return Mono.never();
            }
            if ("bad".equals(request.token())) {
                return Mono.error(new AuthenticationFailedException("bad"));
            }
            GatewaySession session = new GatewaySession("s" + identified.size(), 42, request.intents(), "owner", 0,
                    request.status(), (s, seq, f) -> { }, System::currentTimeMillis);
            session.attach(connection);
            session.dispatchUnjournaled(DispatchFrame.of("READY", "ready", "{}".getBytes(StandardCharsets.UTF_8)));
            identified.add(session);
            return Mono.just(session);
        }

        @Override
        public Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request) {
            return Mono.just("ahead".equals(request.sessionId()) ? new ResumeOutcome.InvalidSeq()
                    : new ResumeOutcome.Invalid());
        }

        @Override
        public void heartbeat(GatewaySession session, long ackedSeq) {
            acked.add(ackedSeq);
        }

        @Override
        public void presence(GatewaySession session, String status) {
            statuses.add(status);
        }

        @Override
        public void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable) {
            session.detach(connection);
            lost.add(resumable);
        }
    }
}
