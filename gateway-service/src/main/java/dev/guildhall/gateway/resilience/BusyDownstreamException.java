package dev.guildhall.gateway.resilience;

import java.time.Duration;

/**
 * A request whose route's time budget ran out while its downstream was answering other requests of the same route:
 * the service is busy, not broken (ADR 264). Its route's breaker ignores it (neither a failure nor a success) and
 * the client gets 429 {@code OVERLOADED} with {@code Retry-After}, as from a full bulkhead.
 */
public class BusyDownstreamException extends RuntimeException {

    private final String route;

    public BusyDownstreamException(String route, Duration budget, Throwable timeout) {
        super("Route " + route + " is busy: no answer within " + budget.toMillis()
                + " ms while the service answered others", timeout, false, false);
        this.route = route;
    }

    public String route() {
        return route;
    }

    /** The busy refusal in {@code error} or its causes, or {@code null}. */
    public static BusyDownstreamException find(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof BusyDownstreamException busy) {
                return busy;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
