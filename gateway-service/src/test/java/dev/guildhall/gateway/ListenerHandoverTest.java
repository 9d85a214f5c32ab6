package dev.guildhall.gateway;

import dev.guildhall.gateway.support.Http;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A successor gateway starts on the port its predecessor still listens on (ADR 277): the predecessor is a socket bound
 * with SO_REUSEPORT, as a gateway with {@code reuse-port} binds; this gateway starts beside it, and once the predecessor
 * closes its socket every connection reaches this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ListenerHandoverTest {

    static final ServerSocketChannel PREDECESSOR = predecessor();
    static final int PORT = port();

    static ServerSocketChannel predecessor() {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int port() {
        try {
            return ((InetSocketAddress) PREDECESSOR.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry registry) {
        GatewayIntegrationTest.wireServices(registry, GatewayIntegrationTest.urls());
        String redis = TestInfrastructure.get().redisUrl();
        registry.add("guildhall.redis.url", () -> redis);
        registry.add("server.port", () -> PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("guildhall.gateway.connections.reuse-port", () -> "true");
    }

    @AfterAll
    static void closePredecessor() throws IOException {
        PREDECESSOR.close();
    }

    @Test
    void startsOnThePortItsPredecessorStillListensOnAndServesEveryConnectionOnceItIsGone() throws IOException {
        PREDECESSOR.close();
        Http http = new Http(PORT);
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/api/v1/users/@me", GatewayIntegrationTest.token()).statusCode())
                    .as("request %d", i).isEqualTo(200);
        }
    }
}
