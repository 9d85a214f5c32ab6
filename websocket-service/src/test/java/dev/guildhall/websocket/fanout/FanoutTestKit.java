package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.metrics.WebsocketMetrics;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.FrameCodec;
import dev.guildhall.websocket.protocol.OutboundFrame;
import dev.guildhall.websocket.servercache.ServerCache;
import dev.guildhall.websocket.servercache.ServerState;
import dev.guildhall.websocket.session.ConnectionSettings;
import dev.guildhall.websocket.session.GatewayConnection;
import dev.guildhall.websocket.session.GatewaySession;
import dev.guildhall.websocket.session.Intents;
import dev.guildhall.websocket.session.RecordingTransport;
import dev.guildhall.websocket.session.SessionOperations;
import dev.guildhall.websocket.session.SessionRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The fan-out pipeline without Kafka, Redis or HTTP: snapshots from a map, sessions on recording transports. */
final class FanoutTestKit {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final AtomicLong clock = new AtomicLong(1_000_000);
    final Map<Long, JsonNode> snapshots = new ConcurrentHashMap<>();
    final ServerCache cache = new ServerCache(id -> {
        JsonNode s = snapshots.get(id);
        return s == null ? Mono.error(new IllegalStateException("no snapshot")) : Mono.just(s);
    }, clock::get);
    final SessionRegistry sessions = new SessionRegistry();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final WebsocketMetrics metrics = new WebsocketMetrics(registry);
    final FrameCodec codec = new FrameCodec(JSON, 4096);
    final RecentDispatches recent = new RecentDispatches(30_000, 1000, clock::get);
    final Fanout fanout = new Fanout(sessions, recent, codec, metrics);
    final List<String> journal = new ArrayList<>();
    final ServerMembership membership = new ServerMembership(cache, sessions, fanout,
            (state, user) -> JSON.createObjectNode().put("server_id", Long.toString(state.serverId())), s -> { },
            clock::get, 10_000);
    final EventRouter router = new EventRouter(cache, fanout, new ParkedEvents(100, 5_000), membership,
            clock::get);
    private int sessionCounter;

    ServerState load(long serverId, String snapshotJson) {
        snapshots.put(serverId, JSON.readTree(snapshotJson));
        return cache.load(serverId).block();
    }

    /** A connected session of the user, in the given servers. */
    Connected connect(long userId, long... servers) {
        RecordingTransport transport = new RecordingTransport();
        GatewayConnection connection = new GatewayConnection(transport, new NoOperations(), codec,
                new ConnectionSettings(1000, 1500, 5000, 1000, 60_000), clock::get, metrics);
        GatewaySession session = new GatewaySession("session" + (++sessionCounter), userId, Intents.ALL,
                "owner" + sessionCounter, 1, "online",
                (s, seq, frame) -> journal.add(s.id() + "#" + seq + "=" + frame.ref()), clock::get);
        for (long serverId : servers) {
            session.servers().add(serverId);
        }
        session.attach(connection);
        sessions.add(session);
        return new Connected(session, transport);
    }

    InboundEvent event(String topic, String type, long serverId, long channelId, long userId, String dataJson) {
        return new InboundEvent(topic, "evt" + clock.incrementAndGet(), type, serverId, channelId, userId,
                java.util.Set.of(), dataJson);
    }

    record Connected(GatewaySession session, RecordingTransport transport) {
        List<OutboundFrame.Dispatch> dispatches() {
            return transport.frames.stream().filter(f -> f instanceof OutboundFrame.Dispatch)
                    .map(f -> (OutboundFrame.Dispatch) f).toList();
        }

        List<String> types() {
            return dispatches().stream().map(d -> d.frame().type()).toList();
        }

        List<DispatchFrame> frames() {
            return dispatches().stream().map(OutboundFrame.Dispatch::frame).toList();
        }
    }

    static final class NoOperations implements SessionOperations {
        @Override
        public Mono<GatewaySession> identify(GatewayConnection connection, IdentifyRequest request) {
            return Mono.never();
        }

        @Override
        public Mono<ResumeOutcome> resume(GatewayConnection connection, ResumeRequest request) {
            return Mono.never();
        }

        @Override
        public void heartbeat(GatewaySession session, long ackedSeq) {
        }

        @Override
        public void presence(GatewaySession session, String status) {
        }

        @Override
        public void connectionLost(GatewaySession session, GatewayConnection connection, boolean resumable) {
        }
    }

    /** A server: owner 1, members 2 and 3 (3 has role 50), channels 10 (open), 11 (hidden, role 50 allowed). */
    static String snapshot(long serverId) {
        return """
                {"server":{"server_id":"%1$d","server_name":"s","owner_id":"1"},
                 "channels":[
                   {"channel_id":"10","server_id":"%1$d","channel_name":"general","position":0,"permission_overwrites":[]},
                   {"channel_id":"11","server_id":"%1$d","channel_name":"staff","position":1,"permission_overwrites":[
                     {"id":"%1$d","type":"role","allow":"0","deny":"1024"},
                     {"id":"50","type":"role","allow":"1024","deny":"0"}]}],
                 "roles":[{"role_id":"%1$d","name":"@everyone","permissions":"3072","position":0},
                          {"role_id":"50","name":"staff","permissions":"0","position":1}],
                 "members":[{"user_id":"1","roles":[]},{"user_id":"2","roles":[]},{"user_id":"3","roles":["50"]}]}
                """.formatted(serverId);
    }
}
