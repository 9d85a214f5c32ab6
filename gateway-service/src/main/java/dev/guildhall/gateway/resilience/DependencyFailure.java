package dev.guildhall.gateway.resilience;

import dev.guildhall.gateway.web.ClientGone;
import io.netty.util.IllegalReferenceCountException;
import dev.guildhall.gateway.web.PayloadTooLargeException;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.web.server.ResponseStatusException;

import java.util.Set;
import java.util.function.Predicate;

/**
 * What a route's circuit breaker counts as a failure (ADR 211, {@code record-failure-predicate}): only the
 * downstream's own failures — it refused or dropped the connection, it did not answer within the route's time
 * limit, or it answered 500, 502 or 504 (the status codes the routes trip on). Never the client's: a body too
 * large, a request the gateway itself refused with a 4xx, and never a status that says "busy" (429, 503 with
 * {@code Retry-After}): those are answers, and one caller's bad input or load must not open a breaker for
 * everyone. Nor a call that ran out of budget while the service answered others of its route (ADR 264,
 * {@link BusyDownstreamException}; also in {@code ignore-exceptions}, so it is not counted as a success either),
 * nor a request body that failed because its client went away or was too slow, or was read after its exchange
 * released it (ADR 265): the client's doing or the gateway's own.
 */
public final class DependencyFailure implements Predicate<Throwable> {

    /** The downstream statuses that are the service's fault; the routes' {@code statusCodes} name the same. */
    public static final Set<Integer> SERVICE_FAULTS = Set.of(500, 502, 504);

    @Override
    public boolean test(Throwable error) {
        if (PayloadTooLargeException.find(error) != null || BusyDownstreamException.find(error) != null
                || error instanceof ClientGone.ClientGoneException || error instanceof ClientGone.ClientTooSlowException
                || error instanceof IllegalReferenceCountException) {
            return false;
        }
        if (error instanceof CircuitBreakerStatusCodeException status) {
            return SERVICE_FAULTS.contains(status.getStatusCode().value());
        }
        if (error instanceof ResponseStatusException status) {
            return !status.getStatusCode().is4xxClientError();
        }
        return true;
    }
}
