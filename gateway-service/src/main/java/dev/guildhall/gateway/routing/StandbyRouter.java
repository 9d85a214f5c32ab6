package dev.guildhall.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.guildhall.support.client.StandbyOrigins;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Which instance of a service with a standby gets requests (ADR 276, 278). Normally the primary, which is all there
 * is: the standby's readiness is asked every {@code poll-interval} and answers nothing. While the launcher restarts
 * the primary it starts the standby first; once that is ready the primary's readiness is asked too. An instance that
 * is not ready gets nothing; while both are ready, requests are shared by weight, and an instance that has just
 * become ready starts with a small weight that grows to a full one over {@code slow-start} (ADR 278), so a fresh JVM
 * is warmed by part of the traffic instead of taking all of it cold.
 */
@Component
public class StandbyRouter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StandbyRouter.class);
    private static final String READINESS = "/actuator/health/readiness";

    private final StandbyProperties properties;
    private final Map<String, StandbyPair> byPrimaryOrigin = new HashMap<>();
    private final WebClient client;
    private final Disposable.Composite polls = Disposables.composite();
    private volatile boolean running;

    public StandbyRouter(StandbyProperties properties, DownstreamServices services) {
        this.properties = properties;
        properties.urls().forEach((name, standby) -> {
            List<URI> primaries = services.services().get(name);
            if (primaries == null || primaries.size() != 1) {
                throw new IllegalStateException("guildhall.standby." + name + " needs exactly one guildhall.services."
                        + name + " URL, not " + primaries);
            }
            StandbyPair pair = new StandbyPair(name, primaries.get(0), standby, properties.slowStart());
            byPrimaryOrigin.put(StandbyOrigins.origin(pair.primary()), pair);
        });
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** Where to send a call the gateway makes itself to {@code url} (bot-token checks): the standby's origin or {@code url}. */
    public URI route(URI url) {
        URI standby = standbyFor(url);
        return standby == null ? url : UriComponentsBuilder.fromUri(url).scheme(standby.getScheme())
                .host(standby.getHost()).port(standby.getPort()).build(true).toUri();
    }

    /** The origin to send a request for {@code target} to instead, or {@code null} to leave it. */
    URI standbyFor(URI target) {
        if (byPrimaryOrigin.isEmpty()) {
            return null;
        }
        StandbyPair pair = byPrimaryOrigin.get(StandbyOrigins.origin(target));
        return pair != null && pair.choosesStandby(System.nanoTime(), ThreadLocalRandom.current().nextDouble())
                ? pair.standby() : null;
    }

    @Override
    public void start() {
        running = true;
        for (StandbyPair pair : byPrimaryOrigin.values()) {
            polls.add(Flux.interval(Duration.ZERO, properties.pollInterval())
                    .onBackpressureDrop()
                    .concatMap(tick -> poll(pair), 1)
                    .subscribe());
        }
    }

    private Mono<Void> poll(StandbyPair pair) {
        return ready(pair.standby())
                .flatMap(standbyReady -> standbyReady
                        ? ready(pair.primary()).doOnNext(primaryReady -> observe(pair, true, primaryReady))
                        : Mono.fromRunnable(() -> observe(pair, false, true)))
                .then();
    }

    private void observe(StandbyPair pair, boolean standbyReady, boolean primaryReady) {
        String change = pair.observe(System.nanoTime(), standbyReady, primaryReady);
        if (change != null) {
            log.info("{}: {}", pair.service(), change);
        }
    }

    private Mono<Boolean> ready(URI base) {
        return client.get().uri(base.resolve(READINESS))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(properties.timeout().plusMillis(100))
                .onErrorReturn(false);
    }

    @Override
    public void stop() {
        running = false;
        polls.dispose();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
