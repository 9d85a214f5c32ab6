package dev.guildhall.media.it;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceTransport;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.sdp.Codecs;
import dev.guildhall.media.sdp.IceCandidate;
import dev.guildhall.media.sdp.MediaKind;
import dev.guildhall.media.sdp.SdpAnswer;
import dev.guildhall.media.transport.EndpointTransport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebRTC-style client in Java built on the node's own libraries: ice4j (controlled agent with host
 * candidates), a BouncyCastle DTLS client with its own certificate, jitsi-srtp. It speaks the signalling
 * protocol, answers every offer, and records frames and decrypted RTP/RTCP.
 */
final class VoiceTestClient implements AutoCloseable {

    record Closed(int code, String reason) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<Packet> rtp = new LinkedBlockingQueue<>();
    final BlockingQueue<Packet> rtcp = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final CompletableFuture<Void> mediaConnected = new CompletableFuture<>();
    private final Map<MediaKind, Long> sends;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final EndpointTransport transport;
    private WebSocket socket;
    private boolean transportStarted;
    private int seq = 1000;

    VoiceTestClient(String name, Map<MediaKind, Long> sends) {
        this.name = name;
        this.sends = sends;
        this.transport = new EndpointTransport(name, handler -> {
            try {
                return IceTransport.withHostCandidates(name, false, handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, certificate, false, new EndpointTransport.Listener() {
            @Override
            public void onTransportConnected() {
                mediaConnected.complete(null);
            }

            @Override
            public void onTransportFailed(String reason) {
                mediaConnected.completeExceptionally(new IllegalStateException(reason));
            }
        });
        transport.setPipelines(new EndpointTransport.Pipelines(rtp::add, rtcp::add));
    }

    VoiceTestClient connect(URI signal, String voiceToken) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(signal, new Listener()).get(10, TimeUnit.SECONDS);
        send("identify", Map.of("voice_token", voiceToken));
        return this;
    }

    void send(String op, Object d) {
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("op", op, "d", d)), true).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitFrame(String op, Predicate<JsonNode> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null && frame.path("op").asString("").equals(op) && matching.test(frame.path("d"))) {
                return frame.path("d");
            }
        }
        throw new AssertionError(name + " got no '" + op + "' frame in " + timeout);
    }

    /** A decrypted RTP packet of {@code ssrc}, waiting up to {@code timeout}. */
    Packet awaitRtp(long ssrc, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Packet p = rtp.poll(50, TimeUnit.MILLISECONDS);
            if (p != null && p.u32(8) == ssrc) {
                return p;
            }
        }
        return null;
    }

    /** One Opus-like packet with an RFC 6464 audio level (0 loudest … 127 silent). */
    void sendAudio(int level, byte[] payload) {
        sendRtp(sends.get(MediaKind.AUDIO), Codecs.OPUS_PT, level, payload);
    }

    void sendVideo(byte[] payload) {
        sendRtp(sends.get(MediaKind.VIDEO), Codecs.VP8_PT, -1, payload);
    }

    void sendScreen(byte[] payload) {
        sendRtp(sends.get(MediaKind.SCREEN), Codecs.VP8_PT, -1, payload);
    }

    private void sendRtp(long ssrc, int pt, int level, byte[] payload) {
        // with an audio level: 12-byte header, 0xBEDE extension header, one 4-byte word holding the element
        int header = level >= 0 ? 20 : 12;
        byte[] b = new byte[header + payload.length + Packet.TRAILER_ROOM];
        Packet p = new Packet(b, 0, header + payload.length);
        p.setByte(0, level >= 0 ? 0x90 : 0x80);
        p.setByte(1, pt);
        int s = seq++;
        p.putU16(2, s & 0xFFFF);
        p.putU32(4, s * 960L);
        p.putU32(8, ssrc);
        if (level >= 0) {
            p.putU16(12, 0xBEDE);
            p.putU16(14, 1);
            p.setByte(16, Codecs.AUDIO_LEVEL_EXT << 4); // id 1, length 1
            p.setByte(17, 0x80 | level);             // voice-activity flag and level
        }
        System.arraycopy(payload, 0, b, header, payload.length);
        transport.send(p, false);
    }

    void sendRtcp(Packet packet) {
        transport.send(packet, true);
    }

    private void onFrame(JsonNode frame) {
        frames.add(frame);
        if (frame.path("op").asString("").equals("offer")) {
            answer(frame.path("d").path("sdp").asString());
        }
    }

    private synchronized void answer(String offerSdp) {
        SdpAnswer offer = SdpAnswer.parse(offerSdp);
        if (!transportStarted) {
            transportStarted = true;
            transport.connect(offer.iceUfrag(), offer.icePwd(), offer.candidates(), offer.fingerprintHash(),
                    offer.fingerprint());
        }
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        sdp.append("a=group:BUNDLE ").append(String.join(" ", offer.media().keySet())).append("\r\n");
        for (SdpAnswer.Media m : offer.media().values()) {
            boolean audio = m.type().equals("audio");
            int pt = audio ? Codecs.OPUS_PT : Codecs.VP8_PT;
            sdp.append("m=").append(m.type()).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
            sdp.append("c=IN IP4 0.0.0.0\r\n");
            sdp.append("a=mid:").append(m.mid()).append("\r\n");
            sdp.append("a=ice-ufrag:").append(transport.iceUfrag()).append("\r\n");
            sdp.append("a=ice-pwd:").append(transport.icePassword()).append("\r\n");
            sdp.append("a=fingerprint:sha-256 ").append(certificate.fingerprint()).append("\r\n");
            sdp.append("a=setup:active\r\n");
            sdp.append("a=rtcp-mux\r\n");
            sdp.append("a=rtpmap:").append(pt).append(audio ? " opus/48000/2" : " VP8/90000").append("\r\n");
            MediaKind uplink = MediaKind.ofUplinkMid(m.mid());
            if (uplink != null) {
                Long ssrc = sends.get(uplink);
                sdp.append(ssrc != null ? "a=sendonly\r\n" : "a=inactive\r\n");
                if (ssrc != null) {
                    sdp.append("a=ssrc:").append(ssrc).append(" cname:").append(name).append("\r\n");
                }
            } else {
                sdp.append(m.direction().equals("sendonly") ? "a=recvonly\r\n" : "a=inactive\r\n");
            }
            for (IceCandidate c : transport.localCandidates()) {
                sdp.append("a=").append(c.toSdp()).append("\r\n");
            }
        }
        send("answer", Map.of("sdp", sdp.toString()));
    }

    List<IceCandidate> localCandidates() {
        return transport.localCandidates();
    }

    @Override
    public void close() {
        transport.close();
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(JSON.readTree(text));
                } catch (RuntimeException e) {
                    e.printStackTrace();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, error.toString()));
        }
    }
}
