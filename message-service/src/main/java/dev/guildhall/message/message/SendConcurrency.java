package dev.guildhall.message.message;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * The send path's bulkhead (ADR 212): at most {@code resilience4j.bulkhead.instances.message-send} sends in
 * this process at once, each waiting only briefly for a place. A send past it is refused at once with 429
 * {@code OVERLOADED} and {@code Retry-After} (service-support's ErrorHandler maps resilience4j's
 * {@code BulkheadFullException}) instead of queueing for a database connection until it fails seconds later.
 */
@Component
class SendConcurrency {

    static final String NAME = "message-send";

    private final Bulkhead bulkhead;

    SendConcurrency(BulkheadRegistry registry) {
        this.bulkhead = registry.bulkhead(NAME);
    }

    <T> T limit(Supplier<T> send) {
        return bulkhead.executeSupplier(send);
    }
}
