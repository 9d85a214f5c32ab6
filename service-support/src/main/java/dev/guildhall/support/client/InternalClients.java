package dev.guildhall.support.client;

import org.springframework.web.client.RestClient;

import java.time.Duration;

/**
 * Makes the {@link RestClient}s a service calls others' {@code /internal/**} with ({@link HttpClients#internal}):
 * this process's internal token, and a standby to fall back on when the callee refuses the connection while the
 * embedded launcher restarts it ({@code GUILDHALL_STANDBY_URLS}, ADR 279).
 */
public final class InternalClients {

    private final String internalToken;
    private final StandbyFallback standbys;

    InternalClients(String internalToken, StandbyFallback standbys) {
        this.internalToken = internalToken;
        this.standbys = standbys;
    }

    /** A client for the service at {@code baseUrl}, each call limited to {@code timeout}; 4xx answers throw {@link ClientErrorException}. */
    public RestClient to(String baseUrl, Duration timeout) {
        return HttpClients.internal(baseUrl, internalToken, timeout, standbys);
    }

    /** The same, to finish with the caller's own handling of answers. */
    public RestClient.Builder builder(String baseUrl, Duration timeout) {
        return HttpClients.builder(baseUrl, internalToken, timeout, standbys);
    }
}
