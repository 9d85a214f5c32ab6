package dev.guildhall.websocket.upstream;

import dev.guildhall.support.client.StandbyOrigins;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * The node's calls to auth-, server-, message-, voice- and bot-service: one the callee refuses to connect goes to its
 * standby while the embedded launcher restarts it (ADR 279), as the blocking services' {@code InternalClients} do;
 * nothing else is retried here (a refused connection never reached the callee, so any request may go again).
 */
public final class StandbyFallbackFilter implements ExchangeFilterFunction {

    private final StandbyOrigins standbys;

    public StandbyFallbackFilter(StandbyOrigins standbys) {
        this.standbys = standbys;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return next.exchange(request).onErrorResume(StandbyOrigins::refused, e -> {
            URI moved = standbys.atStandby(request.url());
            return moved == null ? Mono.error(e) : next.exchange(ClientRequest.from(request).url(moved).build());
        });
    }
}
