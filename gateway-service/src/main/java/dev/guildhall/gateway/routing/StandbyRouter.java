package dev.guildhall.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Which instance of a service with a standby gets requests (ADR 276). Normally the primary, which is all there is:
 * the standby's readiness is asked every {@code poll-interval} and answers nothing. While the launcher restarts the
 * primary it starts the standby first; once that is ready the primary's readiness is asked too, and requests go to
 * the standby from the moment the primary refuses traffic (its shutdown drain) until it is ready again.
 */
@Component
public class StandbyRouter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StandbyRouter.class);
    private static final String READINESS = "/actuator/health/readiness";

    /** One service's pair; {@code useStandby} is what the routing filter reads on every request. */
    static final class Pair {
        final String service;
        final URI primary;
        final URI standby;
        volatile boolean useStandby;

        Pair(String service, URI primary, URI standby) {
            this.service = service;
            this.primary = primary;
            this.standby = standby;
        }
    }

    private final StandbyProperties properties;
    private final Map<String, Pair> byPrimaryOrigin = new HashMap<>();
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
            Pair pair = new Pair(name, primaries.get(0), standby);
            byPrimaryOrigin.put(origin(pair.primary), pair);
        });
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
                .responseTimeout(properties.timeout());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** The origin to send a request for {@code target} to instead, or {@code null} to leave it. */
    URI standbyFor(URI target) {
        if (byPrimaryOrigin.isEmpty()) {
            return null;
        }
        Pair pair = byPrimaryOrigin.get(origin(target));
        return pair != null && pair.useStandby ? pair.standby : null;
    }

    @Override
    public void start() {
        running = true;
        for (Pair pair : byPrimaryOrigin.values()) {
            polls.add(Flux.interval(Duration.ZERO, properties.pollInterval())
                    .onBackpressureDrop()
                    .concatMap(tick -> poll(pair), 1)
                    .subscribe());
        }
    }

    private Mono<Void> poll(Pair pair) {
        return ready(pair.standby)
                .flatMap(standbyReady -> standbyReady ? ready(pair.primary).map(primaryReady -> !primaryReady) : Mono.just(false))
                .doOnNext(useStandby -> {
                    if (useStandby != pair.useStandby) {
                        log.info("{}: requests now go to the {} ({})", pair.service, useStandby ? "standby" : "primary",
                                useStandby ? pair.standby : pair.primary);
                        pair.useStandby = useStandby;
                    }
                })
                .then();
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

    static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase();
    }
}
