package dev.guildhall.bench.voice;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.ice.IceTransport;
import dev.guildhall.media.rtp.Packet;
import dev.guildhall.media.sdp.SdpAnswer;
import dev.guildhall.media.transport.EndpointTransport;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One load endpoint: the node's own transport classes in the client role (ice4j host candidates, a
 * BouncyCastle DTLS client, jitsi-srtp), the signalling protocol over the JDK WebSocket client, an audio
 * uplink the {@link Pacer} feeds, and per-source counters of what the node forwards to it.
 */
final class BenchEndpoint implements EndpointTransport.Listener, StreamTally.Member {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final int index;
    final int conference;
    final int slot;
    final long ssrc;
    final boolean loud;
    private final int conferences;
    private final Window window;
    private final Recorder endToEndMicros;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final EndpointTransport transport;
    private final AtomicLongArray receivedFrom;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    final CompletableFuture<Void> connected = new CompletableFuture<>();
    private WebSocket socket;
    private CompletableFuture<?> outgoing = CompletableFuture.completedFuture(null);
    private boolean transportStarted;
    // written by the pacer thread that owns this endpoint
    private int sequence;
    private volatile long sentInWindow;
    long nextDue;
    // join timing (System.nanoTime)
    volatile long joinStarted;
    volatile long allocatedAt;
    volatile long offeredAt;
    volatile long connectedAt;
    volatile long firstAudioAt;
    volatile boolean peerSendingAtJoin;
    /** Set once the pacer sends for it. */
    volatile boolean sending;
    volatile String closedWith;
    volatile boolean closedByBench;

    BenchEndpoint(int index, int conferences, int conferenceSize, boolean loud, Window window, Recorder endToEndMicros) {
        this.index = index;
        this.conferences = conferences;
        this.conference = index % conferences;
        this.slot = index / conferences;
        this.ssrc = 0x10000L + index;
        this.loud = loud;
        this.window = window;
        this.endToEndMicros = endToEndMicros;
        this.receivedFrom = new AtomicLongArray(conferenceSize);
        String name = "bench-" + index;
        this.transport = new EndpointTransport(name, handler -> {
            try {
                return IceTransport.withHostCandidates(name, false, handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, certificate, false, this);
        transport.setPipelines(new EndpointTransport.Pipelines(this::onRtp, rtcp -> {
        }));
    }

    String sessionId() {
        return "e" + index;
    }

    String userId() {
        return Long.toString(900_000L + index);
    }

    /** Opens the signalling socket and identifies; the rest (offer, answer, ICE, DTLS) follows from frames. */
    void open(HttpClient http, URI signal, String voiceToken) {
        socket = http.newWebSocketBuilder().buildAsync(signal, new Frames()).join();
        send("identify", Map.of("voice_token", voiceToken));
    }

    void heartbeat() {
        if (socket != null && closedWith == null) {
            send("heartbeat", Map.of("nonce", System.nanoTime()));
        }
    }

    /** JDK WebSockets take one outgoing message at a time: chain them. */
    private synchronized void send(String op, Object d) {
        String text = JSON.writeValueAsString(Map.of("op", op, "d", d));
        outgoing = outgoing.handle((x, e) -> null).thenCompose(x -> socket.sendText(text, true));
    }

    private void onFrame(JsonNode frame) {
        if (frame.path("op").asString("").equals("offer")) {
            if (offeredAt == 0) {
                offeredAt = System.nanoTime();
            }
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
        send("answer", Map.of("sdp", AnswerSdp.answer(offer, new AnswerSdp.Local(transport.iceUfrag(),
                transport.icePassword(), certificate.fingerprint(), transport.localCandidates(), ssrc,
                "bench-" + index))));
    }

    /** The next 20 ms packet (pacer thread only). */
    void sendAudio(int payloadBytes) {
        long now = System.nanoTime();
        int level = loud ? 25 : 127;
        Packet p = AudioPacket.encode(ssrc, index, sequence++, now, level, loud, payloadBytes);
        transport.send(p, false);
        if (window.contains(now)) {
            sentInWindow++; // one writer: the pacer thread owning this endpoint
        }
    }

    /** A forwarded packet, decrypted: on this endpoint's ICE read thread only. */
    private void onRtp(Packet p) {
        long now = System.nanoTime();
        AudioPacket.Stamp stamp = AudioPacket.decode(p);
        if (stamp == null || stamp.source() % conferences != conference) {
            foreign.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        if (firstAudioAt == 0) {
            firstAudioAt = now;
        }
        if (window.contains(stamp.sentNanos())) {
            int from = stamp.source() / conferences;
            if (from < receivedFrom.length()) {
                receivedFrom.incrementAndGet(from);
            }
            endToEndMicros.recordValue(Math.max(1, (now - stamp.sentNanos()) / 1000));
        }
    }

    @Override
    public long sentInWindow() {
        return sentInWindow;
    }

    @Override
    public long receivedFrom(StreamTally.Member source) {
        return receivedFrom.get(((BenchEndpoint) source).slot);
    }

    long received() {
        return received.get();
    }

    long foreign() {
        return foreign.get();
    }

    @Override
    public void onTransportConnected() {
        connectedAt = System.nanoTime();
        connected.complete(null);
    }

    @Override
    public void onTransportFailed(String reason) {
        connected.completeExceptionally(new IllegalStateException(reason));
        if (closedWith == null) {
            closedWith = reason;
        }
    }

    void close() {
        closedByBench = true;
        transport.close();
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Frames implements WebSocket.Listener {
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
                    closedWith = "bad frame handling: " + e;
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closedByBench && closedWith == null) {
                closedWith = "signalling closed " + statusCode + " " + reason;
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closedByBench && closedWith == null) {
                closedWith = "signalling error " + error;
            }
        }
    }
}
