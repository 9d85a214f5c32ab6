package dev.guildhall.gateway.routing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Service instances from configuration, for {@code lb://} routes: {@code lb://websocket-service}
 * spreads WebSocket connections over every URL in {@code GUILDHALL_WEBSOCKET_URLS} (round robin). A
 * real registry (Kubernetes services, Consul) can replace it without touching the routes.
 */
@Component
public class GuildhallDiscoveryClient implements ReactiveDiscoveryClient {

    private final Map<String, List<ServiceInstance>> instances;

    public GuildhallDiscoveryClient(DownstreamServices services) {
        this.instances = services.services().entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> DownstreamServices.serviceId(e.getKey()),
                e -> instances(DownstreamServices.serviceId(e.getKey()), e.getValue())));
    }

    private static List<ServiceInstance> instances(String serviceId, List<URI> urls) {
        return java.util.stream.IntStream.range(0, urls.size())
                .mapToObj(i -> (ServiceInstance) new DefaultServiceInstance(serviceId + "-" + i, serviceId,
                        urls.get(i).getHost(), port(urls.get(i)), "https".equals(urls.get(i).getScheme())))
                .toList();
    }

    private static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }

    @Override
    public String description() {
        return "Guildhall services from configuration (guildhall.services.*)";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()));
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }
}
