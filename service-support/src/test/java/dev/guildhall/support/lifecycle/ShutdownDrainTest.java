package dev.guildhall.support.lifecycle;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping service keeps answering for its drain delay while its readiness already refuses traffic (ADR 276): what
 * lets the gateway move requests to a standby before the web server stops accepting them.
 */
class ShutdownDrainTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void duringTheDrainRequestsAreServedAndReadinessRefusesTraffic() throws Exception {
        ConfigurableApplicationContext context = start("1500ms");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

        long begin = System.nanoTime();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        Thread.sleep(300);
        assertThat(status(port, "/actuator/health/readiness")).as("readiness while draining").isEqualTo(503);
        assertThat(status(port, "/internal/ping")).as("a request while draining").isEqualTo(200);
        closing.get();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void withoutADelayAServiceStopsAtOnce() {
        ConfigurableApplicationContext context = start("0s");
        assertThat(context.getBean(ShutdownDrain.class).delay()).isZero();
        long begin = System.nanoTime();
        context.close();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(1500));
    }

    private static ConfigurableApplicationContext start(String delay) {
        return new SpringApplicationBuilder(TinyService.class).properties(
                "server.port=0", "server.address=127.0.0.1", "server.shutdown=graceful",
                "guildhall.shutdown.drain-delay=" + delay,
                "management.endpoint.health.probes.enabled=true",
                "guildhall.internal-token=s3cret", "guildhall.security.allow-insecure-secrets=true",
                "guildhall.security.jwk-set-uri=http://127.0.0.1:9/unused",
                "guildhall.security.issuer=http://issuer.test", "guildhall.security.audience=guildhall-api",
                "spring.mvc.problemdetails.enabled=true").run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TinyService.Ping.class)
    static class TinyService {

        @RestController
        static class Ping {
            @GetMapping("/internal/ping")
            String ping() {
                return "pong";
            }
        }
    }

    private int status(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2)).header("X-Guildhall-Internal-Token", "s3cret").GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
