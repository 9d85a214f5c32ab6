package dev.guildhall.gateway.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Proxies a client's WebSocket (the chat gateway's {@code /gateway}, media signalling's
 * {@code /media/{node}/signal}) to the service behind the route, frame for frame, close code for close code.
 *
 * <p>Spring Cloud Gateway's own WebSocket routing lost a frame a client sent straight after the handshake:
 * about 1 in 200 for browser and JDK clients, most of them for Reactor Netty clients, which send fastest
 * (ADR 102). The filter chain reaches the upgrade on another thread (a Redis reply for the rate limit),
 * Reactor Netty then switches the connection to WebSocket off its event loop, and the generic routing
 * starts reading the client only once the upstream socket is open, from the upstream's thread. This proxy
 * upgrades on the connection's own event loop and subscribes to the client's frames at once, holding them
 * until the upstream socket is open.
 *
 * <p>When the gateway shuts down it closes every proxied socket with 1012 (service restart) before the web server's
 * graceful shutdown begins (ADR 274): clients reconnect and RESUME, and the shutdown does not wait out its whole
 * grace period for sockets that live for hours while the gateway's port stays closed to everyone else.
 */
@Component
public class WebSocketProxy implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketProxy.class);
    /** How the client's socket ends when the upstream cannot be reached. */
    private static final CloseStatus UNREACHABLE = new CloseStatus(1011, "upstream unreachable");
    /** How a client's socket ends when this gateway shuts down: reconnect (and RESUME) elsewhere or later. */
    static final CloseStatus RESTARTING = new CloseStatus(1012, "gateway restarting");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();
    /** The websocket nodes' side of the open sockets: told 1012 as well, so they keep the sessions resumable. */
    private final Set<WebSocketSession> upstreams = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private final WebSocketService service;
    private final WebSocketClient client;
    private final ObjectProvider<List<HttpHeadersFilter>> headersFilters;

    public WebSocketProxy(WebSocketService service, WebSocketClient client,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
        this.service = service;
        this.client = client;
        this.headersFilters = headersFilters;
    }

    /** Accepts the client's upgrade on this exchange and connects it to {@code upstream}. */
    public Mono<Void> proxy(ServerWebExchange exchange, URI upstream) {
        HttpHeaders headers = upstreamHeaders(exchange);
        Mono<Void> upgrade = Mono.defer(() -> service.handleRequest(exchange, session -> bridge(session, upstream, headers)));
        // the filter chain may have moved to another thread (a Redis reply for the rate limit); Reactor
        // Netty must switch the connection to WebSocket, and start reading it, on the connection's own
        // event loop, or a frame arriving meanwhile is dropped
        Executor loop = eventLoopOf(exchange);
        return loop == null ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(loop));
    }

    private static Executor eventLoopOf(ServerWebExchange exchange) {
        Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return request instanceof Connection connection ? connection.channel().eventLoop() : null;
    }

    private Mono<Void> bridge(WebSocketSession downstream, URI upstream, HttpHeaders headers) {
        if (!running) {
            return downstream.close(RESTARTING);
        }
        open.add(downstream);
        Sinks.Many<WebSocketMessage> fromClient = Sinks.many().unicast().onBackpressureBuffer();
        // read now, before the upstream connect: frames are held in the sink until the upstream socket is open
        Disposable reading = downstream.receive()
                .doOnNext(WebSocketMessage::retain)
                .subscribe(m -> {
                    if (fromClient.tryEmitNext(m).isFailure()) {
                        DataBufferUtils.release(m.getPayload());
                    }
                }, fromClient::tryEmitError, fromClient::tryEmitComplete);
        return client.execute(upstream, headers, service -> {
            upstreams.add(service);
            Mono<Void> toService = service.send(fromClient.asFlux());
            Mono<Void> toClient = downstream.send(service.receive().doOnNext(WebSocketMessage::retain));
            // while this gateway stops, each side is told 1012, whatever the other answers to it: the node's reply to
            // our 1012 must not reach the client as 1000, nor the client's as anything that ends the session at the
            // node (Discord: 1000/1001 do)
            Mono<Void> serviceClosed = service.closeStatus()
                    .filter(s -> downstream.isOpen())
                    .flatMap(s -> downstream.close(running ? sendable(s) : RESTARTING));
            Mono<Void> clientClosed = downstream.closeStatus()
                    .filter(s -> service.isOpen())
                    .flatMap(s -> service.close(running ? sendable(s) : RESTARTING));
            Mono<Void> closes = Mono.when(serviceClosed, clientClosed).cache();
            closes.subscribe();
            // the bridge ends only once each side's close was passed on: ended earlier, the framework would close the
            // side still open with 1000, before (and instead of) the code passed on
            return Mono.zip(toService, toClient)
                    .then(closes.timeout(CLOSE_WAIT).onErrorResume(e -> Mono.empty()))
                    .doFinally(signal -> upstreams.remove(service));
        }).onErrorResume(e -> {
            log.info("{} unreachable for a WebSocket: {}", upstream, e.toString());
            drain(fromClient);
            return downstream.isOpen() ? downstream.close(UNREACHABLE) : Mono.empty();
        }).doFinally(signal -> {
            reading.dispose();
            open.remove(downstream);
        });
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * The context is closing: before any lifecycle bean stops — the Netty resources the proxied sockets run on stop in
     * the same phase as this bean and would close the nodes' side with 1000, which ends the sessions.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stop();
    }

    /** Closes every proxied socket with 1012 and waits (briefly) for the closes to go out. */
    @Override
    public void stop() {
        running = false;
        int count = open.size();
        if (count == 0) {
            return;
        }
        log.info("closing {} proxied WebSocket(s) with 1012 before shutting down", count);
        try {
            // both sides of every socket at once, from this thread: each close claims its socket's one close frame as
            // it is subscribed, before either side's answer could end the bridge and let the framework close the
            // other side with 1000 (which at the node ends the session)
            Flux.fromIterable(List.copyOf(upstreams)).concatWith(Flux.fromIterable(List.copyOf(open)))
                    .flatMap(session -> session.close(RESTARTING).onErrorResume(e -> Mono.empty()))
                    .then()
                    .block(CLOSE_WAIT);
        } catch (RuntimeException e) {
            log.info("not every WebSocket closed within {}: {}", CLOSE_WAIT, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would otherwise wait for the sockets. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Releases frames still held for an upstream that was never reached. */
    private static void drain(Sinks.Many<WebSocketMessage> held) {
        held.tryEmitComplete();
        try {
            held.asFlux().subscribe(m -> DataBufferUtils.release(m.getPayload()), e -> { }, () -> { });
        } catch (IllegalStateException alreadySubscribed) {
            // the upstream send owns (and releases) them
        }
    }

    /**
     * Close codes a peer may not send on the wire (RFC 6455 §7.4.1: 1005, 1006, 1015, ...) become "going away"; the
     * ones IANA registered since (1012 service restart, 1013 try again later, 1014 bad gateway) pass.
     */
    static CloseStatus sendable(CloseStatus status) {
        int code = status.getCode();
        boolean onTheWire = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        return onTheWire ? status : CloseStatus.GOING_AWAY;
    }

    private HttpHeaders upstreamHeaders(ServerWebExchange exchange) {
        HttpHeaders filtered = HttpHeadersFilter.filterRequest(headersFilters.getIfAvailable(List::of), exchange);
        HttpHeaders headers = new HttpHeaders();
        filtered.forEach((name, values) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("sec-websocket")) {
                headers.addAll(name, values);
            }
        });
        return headers;
    }
}
