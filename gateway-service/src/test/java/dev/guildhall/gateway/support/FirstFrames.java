package dev.guildhall.gateway.support;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens WebSockets one after another and sends a frame the moment each handshake completes (as a
 * browser's {@code onopen} or Reactor Netty does), expecting a stand-in's echo. Anonymous sockets are
 * rate-limited per address, so they come from 127.0.0.2-61 in turn.
 */
public final class FirstFrames {

    private FirstFrames() {
    }

    /** The sockets (of {@code count}) whose first frame got no echo {@code "<echoPrefix>:<frame>"} within 5 s. */
    public static List<String> lost(String url, String echoPrefix, int count) {
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String frame = "{\"op\":\"identify\",\"n\":" + i + "}";
            InetSocketAddress from = new InetSocketAddress("127.0.0." + (2 + i % 60), 0);
            String reply = HttpClient.create().bindAddress(() -> from)
                    .websocket().uri(url)
                    .handle((in, out) -> in.receive().asString().take(1)
                            .mergeWith(out.sendString(Mono.just(frame)).then().then(Mono.<String>empty())))
                    .next()
                    .timeout(Duration.ofSeconds(5))
                    .onErrorResume(e -> Mono.just("error: " + e))
                    .block();
            if (!(echoPrefix + ":" + frame).equals(reply)) {
                lost.add("socket " + i + ": " + reply);
            }
        }
        return lost;
    }
}
