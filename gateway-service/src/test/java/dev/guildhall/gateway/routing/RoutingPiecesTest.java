package dev.guildhall.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingPiecesTest {

    @Test
    void internalPathsInAnySpelling() {
        assertThat(InternalPathFilter.isInternal("/internal")).isTrue();
        assertThat(InternalPathFilter.isInternal("/internal/users/1")).isTrue();
        assertThat(InternalPathFilter.isInternal("//internal/x")).isTrue();
        assertThat(InternalPathFilter.isInternal("/Internal/x")).isTrue();
        assertThat(InternalPathFilter.isInternal("/internal;x=1/y")).isTrue();
        assertThat(InternalPathFilter.isInternal("/internals")).isFalse();
        assertThat(InternalPathFilter.isInternal("/api/v1/internal")).isFalse();
    }

    @Test
    void fallbackReasons() {
        assertThat(FallbackHandler.reason(new TimeoutException())).isEqualTo("timeout");
        assertThat(FallbackHandler.reason(new RuntimeException(new TimeoutException()))).isEqualTo("timeout");
        assertThat(FallbackHandler.reason(CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("x")))).isEqualTo("circuit_open");
        assertThat(FallbackHandler.reason(new ConnectException("refused"))).isEqualTo("unreachable");
    }

    @Test
    void everyConfiguredUrlIsAnInstance() {
        GuildhallDiscoveryClient discovery = new GuildhallDiscoveryClient(new DownstreamServices(Map.of(
                "websocket", List.of(URI.create("http://localhost:8085"), URI.create("http://10.0.0.2:8086")),
                "auth", List.of(URI.create("https://auth.example")))));

        List<ServiceInstance> websocket = discovery.getInstances("websocket-service").collectList().block();
        List<ServiceInstance> auth = discovery.getInstances("auth-service").collectList().block();

        assertThat(websocket).extracting(ServiceInstance::getUri)
                .containsExactly(URI.create("http://localhost:8085"), URI.create("http://10.0.0.2:8086"));
        assertThat(auth).singleElement().satisfies(i -> {
            assertThat(i.isSecure()).isTrue();
            assertThat(i.getPort()).isEqualTo(443);
        });
        assertThat(discovery.getInstances("nope").collectList().block()).isEmpty();
    }
}
