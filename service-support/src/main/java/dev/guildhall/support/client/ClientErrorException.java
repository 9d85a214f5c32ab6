package dev.guildhall.support.client;

/**
 * Another service answered 4xx: it works, and said no. Neither retried nor counted against its
 * circuit breaker (see {@code resilience4j.*.ignore-exceptions}).
 */
public class ClientErrorException extends RuntimeException {

    private final int status;

    public ClientErrorException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
