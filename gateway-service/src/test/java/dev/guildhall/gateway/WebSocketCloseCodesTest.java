package dev.guildhall.gateway;

import dev.guildhall.gateway.support.EchoSocket;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the websocket node learns when a client's socket through the gateway ends. It decides resumability by the code
 * (Discord: a client closing with 1000 or 1001 ends its session; anything else may RESUME), so the gateway must pass a
 * client's own code on, and must not turn a dropped connection into 1001.
 */
class WebSocketCloseCodesTest extends GatewayIntegrationTest {

    @Test
    void aClientsOwnCloseCodeReachesTheNode() throws Exception {
        String first = "own-" + UUID.randomUUID();
        open(first).sendClose(4000, "reconnecting").get(5, TimeUnit.SECONDS);
        assertThat(SERVICES.get("websocket").closeCodeOf(first, Duration.ofSeconds(5))).isEqualTo(4000);

        String second = "bye-" + UUID.randomUUID();
        open(second).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(SERVICES.get("websocket").closeCodeOf(second, Duration.ofSeconds(5))).isEqualTo(1000);
    }

    /** A connection that drops (no close frame: a network change, a killed tab) stays resumable at the node. */
    @Test
    void aDroppedConnectionDoesNotEndTheSession() throws Exception {
        String first = "drop-" + UUID.randomUUID();
        open(first).abort();
        Integer code = SERVICES.get("websocket").closeCodeOf(first, Duration.ofSeconds(5));
        assertThat(code).as("the node hears of the drop").isNotNull();
        assertThat(code).as("a resumable code, not 1000/1001").isNotIn(1000, 1001);
    }

    private WebSocket open(String first) throws Exception {
        EchoSocket socket = EchoSocket.open(port);
        assertThat(socket.sendAndReceive(first)).isEqualTo("websocket:" + first);
        return socket.socket();
    }
}
