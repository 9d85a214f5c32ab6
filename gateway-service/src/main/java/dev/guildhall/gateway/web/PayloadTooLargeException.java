package dev.guildhall.gateway.web;

/** A request body over the configured limit, detected while it streamed to the downstream. */
public class PayloadTooLargeException extends RuntimeException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("Request body is larger than " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether {@code t} or one of its causes is a {@link PayloadTooLargeException}. */
    public static PayloadTooLargeException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PayloadTooLargeException p) {
                return p;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
