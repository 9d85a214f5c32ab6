package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.metrics.GatewayMetrics;
import dev.guildhall.gateway.resilience.BusyDownstreamException;
import dev.guildhall.gateway.resilience.ConcurrencyLimitProperties;
import dev.guildhall.gateway.resilience.Overloaded;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.IllegalReferenceCountException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Turns every error the gateway itself raises into problem+json with a stable {@code code} (ahead of
 * Boot's HTML/JSON error page): unknown paths, wrong methods, downstreams that cannot be reached on
 * routes without a fallback (the WebSocket upgrade), a busy downstream on a route without a fallback (429,
 * ADR 264), a client that went away mid-request (400, logged at debug: ADR 265), and anything unexpected
 * (no stack trace).
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemWriter problems;
    private final GatewayMetrics metrics;
    private final ConcurrencyLimitProperties concurrency;

    public GatewayErrorHandler(ProblemWriter problems, GatewayMetrics metrics, ConcurrencyLimitProperties concurrency) {
        this.problems = problems;
        this.metrics = metrics;
        this.concurrency = concurrency;
        ClientGone.hookDroppedErrors();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        BusyDownstreamException busy = BusyDownstreamException.find(ex);
        if (busy != null) {
            // a route without a fallback (the upload routes) whose busy service did not answer in time (ADR 264)
            metrics.overloaded(busy.route(), "busy");
            long seconds = Overloaded.seconds(concurrency.retryAfter());
            exchange.getResponse().getHeaders().clearContentHeaders();
            return problems.write(exchange, ErrorCode.OVERLOADED, Overloaded.detail(seconds),
                    Overloaded.properties(busy.route(), "busy", seconds), Overloaded.headers(seconds));
        }
        if (ClientGone.test(exchange, ex)) {
            // the client reset or closed its connection mid-request (ADR 265): its own cancel, not our error; it
            // cannot read an answer any more, but the exchange is recorded as the problem a client would get
            log.debug("Client gone on {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    ex.toString());
            exchange.getResponse().getHeaders().clearContentHeaders();
            return problems.write(exchange, ErrorCode.MALFORMED_REQUEST,
                    "The client closed the connection before the request was complete")
                    .onErrorResume(writeFailed -> Mono.empty());
        }
        Mapped mapped = map(ex);
        if (ex instanceof IllegalReferenceCountException) {
            log.warn("Request body already released on {} {} (cancelled or timed out): {}",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex.toString());
        } else if (mapped.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        } else {
            log.debug("{} on {}: {}", mapped.code(), exchange.getRequest().getPath(), ex.toString());
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        return problems.write(exchange, mapped.code(), mapped.detail(), Map.of(), Map.of());
    }

    /** Reactor Netty's (package-private) exception when a request body takes longer than its request timeout. */
    private static final String REQUEST_TIMEOUT = "reactor.netty.http.server.RequestTimeoutException";

    static Mapped map(Throwable ex) {
        PayloadTooLargeException tooLarge = PayloadTooLargeException.find(ex);
        if (tooLarge != null) {
            return new Mapped(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
        }
        if (ex instanceof ReadTimeoutException || ex.getClass().getName().equals(REQUEST_TIMEOUT)
                || ex instanceof ClientGone.ClientTooSlowException) {
            // a body that trickled in too slowly (ADR 206); Reactor Netty closes the connection after the answer
            return new Mapped(ErrorCode.REQUEST_TIMEOUT, "The request body was not received in time");
        }
        if (ex instanceof AuthenticationServiceException) {
            return new Mapped(ErrorCode.SERVICE_UNAVAILABLE, "Token verification is temporarily unavailable");
        }
        if (ex instanceof ResponseStatusException rse) {
            return fromStatus(rse);
        }
        if (ex instanceof org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory
                .CircuitBreakerStatusCodeException) {
            // a route without a fallback (the upload routes, ADR 230) whose service answered 500, 502 or 504
            return new Mapped(ErrorCode.SERVICE_UNAVAILABLE, "The service behind this path is temporarily unavailable");
        }
        if (isUnreachable(ex)) {
            return new Mapped(ErrorCode.SERVICE_UNAVAILABLE, "The service behind this path is temporarily unavailable");
        }
        if (ex instanceof TimeoutException) {
            return new Mapped(ErrorCode.GATEWAY_TIMEOUT, "The service behind this path did not answer in time");
        }
        if (ex instanceof IllegalReferenceCountException) {
            // a route's cached request body read after its exchange released it, as when a send is cancelled or
            // timed out under overload (ADR 265): the request was not forwarded; never a 500
            return new Mapped(ErrorCode.SERVICE_UNAVAILABLE, "The service behind this path is temporarily unavailable");
        }
        return new Mapped(ErrorCode.INTERNAL_ERROR, "Internal error");
    }

    private static Mapped fromStatus(ResponseStatusException rse) {
        int status = rse.getStatusCode().value();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.VALIDATION_FAILED;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.MISSING_PERMISSIONS;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 502, 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 504 -> ErrorCode.GATEWAY_TIMEOUT;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        String detail = switch (code) {
            case NOT_FOUND -> "Not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case SERVICE_UNAVAILABLE -> "The service behind this path is temporarily unavailable";
            case INTERNAL_ERROR -> status >= 500 ? "Internal error" : HttpStatus.valueOf(status).getReasonPhrase();
            default -> rse.getReason() != null ? rse.getReason() : code.title();
        };
        return new Mapped(code, detail);
    }

    private static boolean isUnreachable(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c.getClass().getName().endsWith("PrematureCloseException")
                    || c.getClass().getName().endsWith("ConnectTimeoutException")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    record Mapped(ErrorCode code, String detail) {
    }
}
