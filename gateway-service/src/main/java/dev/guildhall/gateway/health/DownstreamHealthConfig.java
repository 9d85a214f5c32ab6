package dev.guildhall.gateway.health;

import dev.guildhall.gateway.routing.DownstreamServices;
import io.netty.channel.ChannelOption;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import java.util.Map;
import java.util.TreeMap;

/**
 * Health component {@code downstreams}: every downstream service instance's own health, checked in
 * parallel with a short timeout; DOWN as soon as one is. Part of the overall {@code /actuator/health}
 * (the platform is healthy only when every service is), not of liveness or readiness (ADR 036).
 * Redis is the {@code redis} component ({@link RedisHealthIndicator}).
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamHealthConfig {

    @Bean
    CompositeReactiveHealthContributor downstreamsHealthContributor(DownstreamServices services,
                                                                    DownstreamHealthProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        Map<String, ReactiveHealthContributor> indicators = new TreeMap<>();
        services.services().forEach((name, urls) -> {
            for (int i = 0; i < urls.size(); i++) {
                String key = urls.size() == 1 ? name : name + "-" + (i + 1);
                indicators.put(key, new DownstreamHealthIndicator(client, urls.get(i), properties.timeout()));
            }
        });
        return CompositeReactiveHealthContributor.fromMap(indicators);
    }
}
