package dev.guildhall.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client WebSocket through the gateway to the stand-in websocket service, which echoes each text frame as
 * {@code websocket:<text>}: whole messages as they come back, and how the socket was closed.
 */
public final class EchoSocket implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private EchoSocket(int port) throws Exception {
        StringBuilder partial = new StringBuilder();
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/gateway"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(20, TimeUnit.SECONDS);
    }

    /** Opens {@code /gateway} on the gateway at {@code port}. */
    public static EchoSocket open(int port) throws Exception {
        return new EchoSocket(port);
    }

    /** Sends {@code text} and returns the next whole message that comes back (its echo), or null after 20 s. */
    public String sendAndReceive(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        return messages.poll(20, TimeUnit.SECONDS);
    }

    public WebSocket socket() {
        return socket;
    }

    /** The close code the client got (completes exceptionally on a connection error). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
