package dev.guildhall.media.it;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client on libwebrtc (Chromium's WebRTC, through webrtc-java): a real browser media stack answering the
 * node's offers, sending from its (headless, silent) microphone uplink and receiving remote sources.
 */
final class WebRtcClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PeerConnectionFactory factory;

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final String name;
    private final RTCPeerConnection pc;
    private final AudioTrackSource source;
    private final AudioTrack track;
    private final boolean sendAudio;
    private final ExecutorService signalling = Executors.newSingleThreadExecutor();
    private WebSocket socket;

    static synchronized PeerConnectionFactory factory() {
        if (factory == null) {
            factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        }
        return factory;
    }

    WebRtcClient(String name, boolean sendAudio) {
        this.name = name;
        this.sendAudio = sendAudio;
        PeerConnectionFactory factory = factory(); // loads the native library
        this.source = factory.createAudioSource(new AudioOptions());
        this.track = factory.createAudioTrack(name + "-mic", source);
        this.pc = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("candidate", candidate.sdp);
                d.put("sdp_mid", candidate.sdpMid);
                send("candidate", d);
            }
        });
    }

    WebRtcClient connect(URI signal, String voiceToken) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(signal, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    frames.add(frame);
                    if (frame.path("op").asString("").equals("offer")) {
                        String sdp = frame.path("d").path("sdp").asString();
                        signalling.execute(() -> answer(sdp));
                    }
                }
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        send("identify", Map.of("voice_token", voiceToken));
        return this;
    }

    private void answer(String offer) {
        try {
            CompletableFuture<Void> remote = new CompletableFuture<>();
            pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), observer(remote));
            remote.get(10, TimeUnit.SECONDS);
            for (RTCRtpTransceiver t : pc.getTransceivers()) {
                String mid = t.getMid();
                if ("audio".equals(mid) && sendAudio) {
                    t.getSender().replaceTrack(track);
                    t.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
                } else if ("audio".equals(mid) || "video".equals(mid) || "screen".equals(mid)) {
                    t.setDirection(RTCRtpTransceiverDirection.INACTIVE);
                }
            }
            CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
            pc.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription description) {
                    created.complete(description);
                }

                @Override
                public void onFailure(String error) {
                    created.completeExceptionally(new IllegalStateException(error));
                }
            });
            RTCSessionDescription answer = created.get(10, TimeUnit.SECONDS);
            CompletableFuture<Void> local = new CompletableFuture<>();
            pc.setLocalDescription(answer, observer(local));
            local.get(10, TimeUnit.SECONDS);
            send("answer", Map.of("sdp", answer.sdp));
        } catch (Exception e) {
            frames.add(JSON.createObjectNode().put("op", "client_error").put("d", name + ": " + e));
        }
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    /** Summed {@code packetsReceived} of the inbound audio streams. */
    long audioPacketsReceived() throws Exception {
        CompletableFuture<Long> total = new CompletableFuture<>();
        pc.getStats(report -> {
            long sum = 0;
            for (RTCStats stats : report.getStats().values()) {
                if (stats.getType() == RTCStatsType.INBOUND_RTP && "audio".equals(stats.getAttributes().get("kind"))) {
                    Object packets = stats.getAttributes().get("packetsReceived");
                    sum += packets instanceof Number n ? n.longValue() : 0;
                }
            }
            total.complete(sum);
        });
        return total.get(5, TimeUnit.SECONDS);
    }

    synchronized void send(String op, Object d) {
        if (socket == null) {
            return;
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("op", op);
        frame.put("d", d);
        socket.sendText(JSON.writeValueAsString(frame), true).join();
    }

    @Override
    public void close() {
        signalling.shutdownNow();
        if (socket != null) {
            socket.abort();
        }
        // the track is not disposed: libwebrtc still references it from the closed connection's sender
        // (dispose throws an Error); the test JVM ends soon anyway
        pc.close();
    }
}
