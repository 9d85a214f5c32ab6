package dev.guildhall.gateway.web;

import io.netty.util.IllegalReferenceCountException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.netty.channel.AbortedException;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that reset or closed its connection while its request was still arriving (ADR 265): its own cancel,
 * never the gateway's 500 nor an error log with a stack trace. {@link #watch} marks an I/O failure while reading a
 * request body as the client's ({@link ClientGoneException}, and an exchange attribute, since a body that was
 * being cached for a route's fallback can fail a second time, as a buffer released twice); the error handler
 * then answers 400 {@code MALFORMED_REQUEST} (which the client no longer reads) and logs at debug. What reaches
 * Reactor only after its exchange has ended (an error "dropped") is logged the same way when it is one of these,
 * and as before (error, with the stack) otherwise.
 */
public final class ClientGone {

    public static final String ATTRIBUTE = ClientGone.class.getName();

    private static final Logger log = LoggerFactory.getLogger(ClientGone.class);
    private static final Logger dropped = LoggerFactory.getLogger("reactor.core.publisher.Operators");
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ClientGone() {
    }

    /**
     * {@code body}, with an I/O failure while reading it turned into {@link ClientGoneException}, and a body that
     * arrives too slowly (ADR 206's read and request timeouts) into {@link ClientTooSlowException}: on the routes
     * whose bodies stream to the service (the upload routes, ADR 230) these surface inside the route's breaker,
     * which must not count them.
     */
    public static Flux<DataBuffer> watch(ServerWebExchange exchange, Flux<DataBuffer> body) {
        return body.onErrorMap(ClientGone::isConnectionFailure, error -> {
            exchange.getAttributes().put(ATTRIBUTE, Boolean.TRUE);
            return new ClientGoneException(error);
        }).onErrorMap(ClientGone::isBodyTimeout, ClientTooSlowException::new);
    }

    /** Reactor Netty's read timeout or its (package-private) request timeout, on the client's side. */
    public static boolean isBodyTimeout(Throwable error) {
        return error instanceof io.netty.handler.timeout.ReadTimeoutException
                || error.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException");
    }

    /** The client's body did not arrive in time (ADR 206): answered 408, never the dependency's failure. */
    public static final class ClientTooSlowException extends RuntimeException {

        ClientTooSlowException(Throwable cause) {
            super("The request body was not received in time: " + cause, cause, false, false);
        }
    }

    /** Whether {@code error} on {@code exchange} comes from its client having gone away mid-request. */
    public static boolean test(ServerWebExchange exchange, Throwable error) {
        if (find(error) != null) {
            return true;
        }
        // the same body failing again later, as a cached body released twice
        return Boolean.TRUE.equals(exchange.getAttribute(ATTRIBUTE)) && (isConnectionFailure(error)
                || error instanceof IllegalReferenceCountException);
    }

    /** Installs the handler of errors that Reactor drops after their exchange has ended (once per JVM). */
    public static void hookDroppedErrors() {
        if (HOOKED.compareAndSet(false, true)) {
            Hooks.onErrorDropped(ClientGone::onErrorDropped);
        }
    }

    static void onErrorDropped(Throwable error) {
        if (find(error) != null || isConnectionFailure(error) || error instanceof IllegalReferenceCountException) {
            log.debug("Dropped after its exchange ended (client gone): {}", error.toString());
        } else {
            dropped.error("Operator called default onErrorDropped", error);
        }
    }

    private static ClientGoneException find(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof ClientGoneException gone) {
                return gone;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private static boolean isConnectionFailure(Throwable error) {
        return error instanceof IOException || error instanceof AbortedException;
    }

    /** The client's connection failed while its request body was being read. */
    public static final class ClientGoneException extends RuntimeException {

        ClientGoneException(Throwable cause) {
            super("The client's connection failed mid-request: " + cause, cause, false, false);
        }
    }
}
