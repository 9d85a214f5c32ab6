package dev.guildhall.media.ice;

import dev.guildhall.media.dtls.DtlsCertificate;
import dev.guildhall.media.dtls.DtlsTransport;
import dev.guildhall.media.dtls.SrtpKeys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HeldDatagramsTest {

    @Test
    void datagramsSentBeforeOpenGoOutInOrderWhenItOpensThenStraightThrough() throws Exception {
        List<String> wire = new ArrayList<>();
        HeldDatagrams gate = new HeldDatagrams((buf, off, len) -> wire.add(new String(buf, off, len)));

        byte[] shared = "xfirstx".getBytes();
        assertThat(gate.send(shared, 1, 5)).isTrue();
        shared[1] = 'F'; // the caller may reuse its buffer: the gate keeps a copy
        gate.send("second".getBytes(), 0, 6);
        assertThat(wire).isEmpty();

        assertThat(gate.open()).isEqualTo(2);
        gate.send("third".getBytes(), 0, 5);

        assertThat(wire).containsExactly("first", "second", "third");
        assertThat(gate.dropped()).isZero();
    }

    @Test
    void holdsAtMostItsCapacityAndNothingOnceClosed() throws Exception {
        List<byte[]> wire = new ArrayList<>();
        HeldDatagrams gate = new HeldDatagrams((buf, off, len) -> wire.add(buf));
        for (int i = 0; i < HeldDatagrams.CAPACITY; i++) {
            assertThat(gate.send(new byte[] {(byte) i}, 0, 1)).isTrue();
        }
        assertThat(gate.send(new byte[] {1}, 0, 1)).isFalse();

        gate.close();
        assertThat(gate.send(new byte[] {2}, 0, 1)).isFalse();
        assertThat(gate.open()).isZero();
        assertThat(wire).isEmpty();
        assertThat(gate.dropped()).isEqualTo(HeldDatagrams.CAPACITY + 2);
    }

    /**
     * What happened on about one join in five: the client's ICE completes first, its ClientHello reaches the
     * node's DTLS server, and the server answers before the node's own agent has selected a pair. The
     * server's flight must reach the client once the pair is there, not wait for a retransmission.
     */
    @Test
    void aServerFlightAnsweringAnEarlyClientHelloIsDeliveredWhenIceCompletes() throws Exception {
        DtlsCertificate serverCert = DtlsCertificate.generate();
        DtlsCertificate clientCert = DtlsCertificate.generate();
        AtomicReference<DtlsTransport> serverRef = new AtomicReference<>();
        AtomicReference<DtlsTransport> clientRef = new AtomicReference<>();
        List<Integer> clientGot = new ArrayList<>();
        HeldDatagrams serverIce = new HeldDatagrams((buf, off, len) -> {
            synchronized (clientGot) {
                clientGot.add(len);
            }
            clientRef.get().receive(buf, off, len);
        });
        CountDownLatch serverAnswered = new CountDownLatch(1);
        CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
        CompletableFuture<SrtpKeys> clientKeys = new CompletableFuture<>();
        DtlsTransport server = DtlsTransport.server(serverCert, (buf, off, len) -> {
            serverIce.send(buf, off, len);
            serverAnswered.countDown();
        }, handler(serverKeys), "server");
        DtlsTransport client = DtlsTransport.client(clientCert, (buf, off, len) -> serverRef.get().receive(buf, off, len),
                handler(clientKeys), "client");
        serverRef.set(server);
        clientRef.set(client);
        server.setRemoteFingerprint("sha-256", clientCert.fingerprint());
        client.setRemoteFingerprint("sha-256", serverCert.fingerprint());
        try {
            server.start();
            client.start(); // the ClientHello arrives while the server's side of ICE is not connected

            assertThat(serverAnswered.await(30, TimeUnit.SECONDS)).isTrue();
            synchronized (clientGot) {
                assertThat(clientGot).isEmpty(); // held, not sent and not dropped
            }
            assertThat(serverIce.open()).isPositive(); // the node's agent completes

            SrtpKeys s = serverKeys.get(30, TimeUnit.SECONDS);
            SrtpKeys c = clientKeys.get(30, TimeUnit.SECONDS);
            assertThat(s.clientKey()).isEqualTo(c.clientKey());
            assertThat(serverIce.dropped()).isZero();
        } finally {
            server.close();
            client.close();
        }
    }

    private static DtlsTransport.Handler handler(CompletableFuture<SrtpKeys> keys) {
        return new DtlsTransport.Handler() {
            @Override
            public void onConnected(SrtpKeys k) {
                keys.complete(k);
            }

            @Override
            public void onFailed(Exception cause) {
                keys.completeExceptionally(cause);
            }
        };
    }
}
