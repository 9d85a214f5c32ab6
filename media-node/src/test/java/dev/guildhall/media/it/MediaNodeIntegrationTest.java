package dev.guildhall.media.it;

import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.media.ice.IceHarvesters;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.rtp.Rtcp;
import dev.guildhall.media.rtp.Rtp;
import dev.guildhall.media.sdp.MediaKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two (and three) Java clients — ice4j, a BouncyCastle DTLS client and jitsi-srtp, no mocks — connect
 * to a real media node through the signalling WebSocket and the node's one UDP port, after voice-service's
 * calls to the control API, and exchange SRTP through it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaNodeIntegrationTest {

    static final String NODE = "media-it";
    static final String SECRET = "it-voice-secret";
    static final String INTERNAL = "it-internal-token";
    static InetAddress address;

    @BeforeAll
    static void needsAnInterface() throws Exception {
        address = IceHarvesters.firstNonLoopbackIpv4(InetAddress.getByName("127.0.0.1"));
        assumeTrue(!address.isLoopbackAddress(),
                "no non-loopback IPv4 interface: ICE host candidates need one (ice4j skips loopback)");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestInfrastructure.get().redisUrl());
        registry.add("guildhall.media.node-id", () -> NODE);
        registry.add("guildhall.media.udp-port", () -> 0);
        registry.add("guildhall.voice.token-secret", () -> SECRET);
        registry.add("guildhall.internal-token", () -> INTERNAL);
        registry.add("guildhall.media.report-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    final HttpClient http = HttpClient.newHttpClient();
    final VoiceTokens tokens = new VoiceTokens(SECRET);
    final List<VoiceTestClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(VoiceTestClient::close);
    }

    @Test
    void rtpFromOneEndpointArrivesDecryptedAtTheOtherAndBack() throws Exception {
        String channel = newId();
        allocate(channel, "s-alice", "100", true);
        allocate(channel, "s-bob", "200", true);
        VoiceTestClient alice = client("alice", Map.of(MediaKind.AUDIO, 1111L), channel, "s-alice", "100");
        VoiceTestClient bob = client("bob", Map.of(MediaKind.AUDIO, 2222L, MediaKind.VIDEO, 3333L), channel, "s-bob",
                "200");

        assertThat(alice.awaitFrame("ready", d -> true, Duration.ofSeconds(5)).path("user_id").asString())
                .isEqualTo("100");
        alice.mediaConnected.get(20, TimeUnit.SECONDS);
        bob.mediaConnected.get(20, TimeUnit.SECONDS);
        // each learns the other's sources, with the node re-offering
        bob.awaitFrame("sources", d -> d.toString().contains("\"100\""), Duration.ofSeconds(10));
        JsonSources aliceSees = new JsonSources(alice.awaitFrame("sources",
                d -> d.toString().contains("\"video\""), Duration.ofSeconds(10)).toString());
        assertThat(aliceSees.json).contains("\"user_id\":\"200\"").contains("\"kind\":\"audio\"");

        byte[] opus = {0x78, 0x01, 0x02, 0x03, 0x04, 0x05};
        Packet atBob = null;
        for (int i = 0; i < 100 && atBob == null; i++) {
            alice.sendAudio(30, opus);
            atBob = bob.awaitRtp(1111L, Duration.ofMillis(50));
        }
        assertThat(atBob).as("alice's audio decrypted at bob").isNotNull();
        assertThat(Rtp.payloadType(atBob)).isEqualTo(111);
        byte[] payload = java.util.Arrays.copyOfRange(atBob.buffer(), atBob.offset() + Rtp.headerLength(atBob),
                atBob.offset() + atBob.length());
        assertThat(payload).isEqualTo(opus);
        assertThat(Rtp.audioLevel(atBob, 1)).isEqualTo(30);

        Packet atAlice = null;
        for (int i = 0; i < 100 && atAlice == null; i++) {
            bob.sendVideo(new byte[] {0x10, 0x00, 0x01, 0x02});
            atAlice = alice.awaitRtp(3333L, Duration.ofMillis(50));
        }
        assertThat(atAlice).as("bob's video decrypted at alice").isNotNull();

        // alice is loud: bob is told she speaks
        for (int i = 0; i < 10; i++) {
            alice.sendAudio(20, opus);
        }
        bob.awaitFrame("speaking", d -> d.path("user_id").asString("").equals("100") && d.path("speaking").asBoolean(),
                Duration.ofSeconds(5));

        // alice asks for a keyframe of bob's camera: the node passes a PLI to bob (once the throttle
        // interval after the node's own request, made when alice's PeerConnection got the camera, has passed)
        Thread.sleep(400);
        bob.rtcp.clear();
        alice.sendRtcp(Rtcp.pli(1111L, 3333L));
        assertThat(awaitPli(bob, 3333L)).as("PLI routed to the camera's owner").isTrue();

        // the node reports what it receives
        Packet report = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (report == null && System.nanoTime() < deadline) {
            alice.sendAudio(40, opus);
            Packet p = alice.rtcp.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && Rtcp.blocks(p).stream().anyMatch(b -> b.type() == Rtcp.RR)) {
                report = p;
            }
        }
        assertThat(report).as("receiver report from the node").isNotNull();
        Packet rr = report;
        assertThat(Rtcp.blocks(rr).stream().mapToLong(b -> Rtcp.rembBitrate(rr, b)).max().orElse(-1))
                .as("REMB").isGreaterThanOrEqualTo(300_000);

        // a server mute stops alice's audio at once
        patch(channel, "{\"endpoints\":[{\"id\":\"s-alice\",\"permissions\":{\"speak\":false,\"video\":true,\"stream\":true}}]}");
        Thread.sleep(200);
        bob.rtp.clear();
        for (int i = 0; i < 20; i++) {
            alice.sendAudio(30, opus);
        }
        assertThat(bob.awaitRtp(1111L, Duration.ofMillis(500))).as("muted audio").isNull();

        String listed = get("/internal/colibri/conferences/" + channel);
        assertThat(listed).contains("\"id\":\"s-alice\"").contains("\"connected\":true");
    }

    @Test
    void aThirdEndpointJoiningTriggersAReofferAndGetsMediaFromBoth() throws Exception {
        String channel = newId();
        allocate(channel, "s-a", "1", true);
        allocate(channel, "s-b", "2", true);
        VoiceTestClient a = client("a", Map.of(MediaKind.AUDIO, 11L), channel, "s-a", "1");
        VoiceTestClient b = client("b", Map.of(MediaKind.AUDIO, 22L), channel, "s-b", "2");
        a.mediaConnected.get(20, TimeUnit.SECONDS);
        b.mediaConnected.get(20, TimeUnit.SECONDS);
        allocate(channel, "s-c", "3", true);
        VoiceTestClient c = client("c", Map.of(MediaKind.AUDIO, 33L, MediaKind.SCREEN, 34L), channel, "s-c", "3");
        c.mediaConnected.get(20, TimeUnit.SECONDS);
        a.awaitFrame("sources", d -> d.toString().contains("\"screen\""), Duration.ofSeconds(10));

        assertThat(sendUntilReceived(a, c, 11L)).isTrue();
        assertThat(sendUntilReceived(b, c, 22L)).isTrue();
        assertThat(sendUntilReceived(c, a, 33L)).isTrue();
        Packet screen = null;
        for (int i = 0; i < 100 && screen == null; i++) {
            c.sendScreen(new byte[] {0x10, 0x00, 0x09});
            screen = b.awaitRtp(34L, Duration.ofMillis(50));
        }
        assertThat(screen).as("c's screen share, a second video source, reaches b").isNotNull();

        c.send("heartbeat", Map.of("nonce", 7));
        assertThat(c.awaitFrame("heartbeat_ack", d -> d.path("nonce").asInt() == 7, Duration.ofSeconds(5))).isNotNull();

        // voice-service moves c: the node tells it where to go
        patch(channel, "{\"endpoints\":[{\"id\":\"s-c\",\"reconnect\":{\"endpoint\":\"ws://elsewhere/signal\","
                + "\"voice_token\":\"next-token\"}}]}");
        assertThat(c.awaitFrame("reconnect", d -> true, Duration.ofSeconds(5)).path("voice_token").asString())
                .isEqualTo("next-token");

        // c leaves: the others are re-offered without its sources
        patch(channel, "{\"endpoints\":[{\"id\":\"s-c\",\"expire\":true}]}");
        assertThat(c.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(4007);
        a.awaitFrame("sources", d -> !d.toString().contains("\"3\""), Duration.ofSeconds(10));
    }

    @Test
    void theSignallingSocketRefusesBadTokens() throws Exception {
        String channel = newId();
        allocate(channel, "s-x", "9", true);
        VoiceTestClient forged = new VoiceTestClient("forged", Map.of());
        clients.add(forged);
        forged.connect(signalUrl(), new VoiceTokens("another-secret").issue(claims(channel, "s-x", "9", NODE)));
        assertThat(forged.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(4004);

        VoiceTestClient otherNode = new VoiceTestClient("other-node", Map.of());
        clients.add(otherNode);
        otherNode.connect(signalUrl(), tokens.issue(claims(channel, "s-x", "9", "media-elsewhere")));
        assertThat(otherNode.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(4004);

        VoiceTestClient unknown = new VoiceTestClient("unknown", Map.of());
        clients.add(unknown);
        unknown.connect(signalUrl(), tokens.issue(claims(channel, "s-nobody", "9", NODE)));
        assertThat(unknown.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(4006);
    }

    @Test
    void theControlApiNeedsTheInternalTokenAndTheNodeReportsItsLoad() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base() + "/internal/colibri/conferences"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"UNAUTHORIZED\"");

        HttpResponse<String> unknown = http.send(internal("/internal/colibri/conferences/nope").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"UNKNOWN_CONFERENCE\"");

        String report = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (report == null && System.nanoTime() < deadline) {
            report = redis.opsForValue().get("media:node:" + NODE);
            Thread.sleep(100);
        }
        assertThat(report).contains("\"node_id\":\"" + NODE + "\"").contains("\"signal_url\":\"ws://")
                .contains("\"packets_per_second\"").contains("\"draining\":false");
        assertThat(redis.opsForSet().isMember("media:nodes", NODE)).isTrue();
        assertThat(redis.getExpire("media:node:" + NODE)).isBetween(1L, 10L);
    }

    @Test
    void libwebrtcClientsExchangeAudioThroughTheNode() throws Exception {
        WebRtcClient speaker;
        WebRtcClient listener;
        try {
            speaker = new WebRtcClient("lw-speaker", true);
            listener = new WebRtcClient("lw-listener", false);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            assumeTrue(false, "libwebrtc (webrtc-java) cannot load here: " + e);
            return;
        }
        try (speaker; listener) {
            String channel = newId();
            allocate(channel, "s-speaker", "501", true);
            allocate(channel, "s-listener", "502", true);
            speaker.connect(signalUrl(), tokens.issue(claims(channel, "s-speaker", "501", NODE)));
            listener.connect(signalUrl(), tokens.issue(claims(channel, "s-listener", "502", NODE)));
            long received = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received < 20 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                received = listener.audioPacketsReceived();
            }
            assertThat(received).as("Opus packets from one libwebrtc peer received by the other; frames: "
                    + listener.frames).isGreaterThanOrEqualTo(20);
            assertThat(get("/internal/colibri/conferences/" + channel)).contains("\"connected\":true");
        }
    }

    // --- helpers

    private boolean sendUntilReceived(VoiceTestClient from, VoiceTestClient to, long ssrc) throws Exception {
        for (int i = 0; i < 100; i++) {
            from.sendAudio(50, new byte[] {1, 2, 3});
            if (to.awaitRtp(ssrc, Duration.ofMillis(50)) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean awaitPli(VoiceTestClient owner, long ssrc) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Packet p = owner.rtcp.poll(100, TimeUnit.MILLISECONDS);
            if (p != null) {
                for (Rtcp.Block b : Rtcp.blocks(p)) {
                    if (b.type() == Rtcp.PSFB && b.fmt() == Rtcp.FMT_PLI && Rtcp.mediaSsrc(p, b) == ssrc) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private VoiceTestClient client(String name, Map<MediaKind, Long> sends, String channel, String session,
                                   String user) throws Exception {
        VoiceTestClient client = new VoiceTestClient(name, sends);
        clients.add(client);
        return client.connect(signalUrl(), tokens.issue(claims(channel, session, user, NODE)));
    }

    private static VoiceTokenClaims claims(String channel, String session, String user, String node) {
        return new VoiceTokenClaims(user, "77", channel, node, session, true, true, true,
                Instant.now().plusSeconds(60));
    }

    private void allocate(String channel, String session, String user, boolean create) throws Exception {
        patch(channel, "{\"create\":" + create + ",\"channel_id\":\"" + channel + "\",\"server_id\":\"77\","
                + "\"endpoints\":[{\"id\":\"" + session + "\",\"create\":true,\"user_id\":\"" + user + "\","
                + "\"permissions\":{\"speak\":true,\"video\":true,\"stream\":true}}]}");
    }

    private String patch(String conference, String body) throws Exception {
        HttpResponse<String> response = http.send(internal("/internal/colibri/conferences/" + conference)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(internal(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpRequest.Builder internal(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("X-Guildhall-Internal-Token", INTERNAL);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private URI signalUrl() {
        return URI.create("ws://localhost:" + port + "/signal");
    }

    private static String newId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() >> 12));
    }

    private record JsonSources(String json) {
    }
}
