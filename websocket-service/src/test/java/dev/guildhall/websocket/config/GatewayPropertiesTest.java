package dev.guildhall.websocket.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults documented in application.yml bind to the typed properties as the protocol expects. */
class GatewayPropertiesTest {

    @Test
    void defaultsBind() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yml"));
        yaml.forEach(env.getPropertySources()::addLast);
        Binder binder = Binder.get(env);

        GatewayProperties p = binder.bind("guildhall.websocket", GatewayProperties.class).get();
        assertThat(p.heartbeat().interval()).isEqualTo(Duration.ofMillis(41250));
        assertThat(p.heartbeat().timeout()).isEqualTo(Duration.ofMillis(61875));
        assertThat(p.identifyTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.limits().maxPayloadBytes()).isEqualTo(4096);
        assertThat(p.limits().rateLimitFrames()).isEqualTo(120);
        assertThat(p.limits().rateLimitWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.resume().window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.redisUrl()).startsWith("redis://");
        assertThat(p.apiVersion()).isEqualTo(1);
        assertThat(p.fanout().recentRetention()).isEqualTo(Duration.ofSeconds(30));

        UpstreamProperties u = binder.bind("guildhall.upstream", UpstreamProperties.class).get();
        assertThat(u.serverUrl()).isEqualTo("http://localhost:8082");
        // required: no published default to fall back to (ADR 142)
        assertThat(u.internalToken()).isEmpty();
    }
}
