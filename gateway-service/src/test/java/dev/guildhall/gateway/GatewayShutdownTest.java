package dev.guildhall.gateway;

import dev.guildhall.gateway.support.EchoSocket;
import dev.guildhall.gateway.support.Fleet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that shuts down (a graceful restart) closes the clients' proxied sockets with 1012 at once, so they
 * reconnect and RESUME, and its shutdown does not wait out the graceful-shutdown grace (30 s) for sockets that never
 * end (ADR 274: the rolling chaos run's gateway sat 40 s in its stop and was then killed). A gateway of its own,
 * wired like every other test's, since the test stops it.
 */
class GatewayShutdownTest {

    /**
     * Netty resources of this gateway's own: closing a context that uses Reactor Netty's global resources disposes them,
     * and every other gateway context of the test JVM (the shared one of the other tests) could no longer connect.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            return factory;
        }
    }

    @Test
    void aShutdownClosesProxiedSocketsWith1012AndDoesNotWaitForThem() throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        GatewayIntegrationTest.wire((name, value) -> args.add("--" + name + "=" + value.get()));
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayServiceApplication.class,
                OwnNettyResources.class).run(args.toArray(String[]::new));
        String first = "shutdown-" + java.util.UUID.randomUUID();
        EchoSocket socket = null;
        try {
            int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
            socket = EchoSocket.open(port);
            assertThat(socket.sendAndReceive(first)).isEqualTo("websocket:" + first);

            long started = System.nanoTime();
            gateway.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(socket.closed().get(5, TimeUnit.SECONDS)).as("the client's close code").isEqualTo(1012);
            // 1001 would end the session at the websocket node (Discord: a client leaving with 1000/1001 does not
            // come back), and every client's RESUME after the restart would be refused
            assertThat(Fleet.SERVICES.get("websocket").closeCodeOf(first, Duration.ofSeconds(5)))
                    .as("the close code the websocket node gets").isEqualTo(1012);
            assertThat(took).as("the shutdown with one open socket").isLessThan(Duration.ofSeconds(20));
        } finally {
            if (socket != null) {
                socket.close();
            }
            gateway.close();
        }
    }
}
