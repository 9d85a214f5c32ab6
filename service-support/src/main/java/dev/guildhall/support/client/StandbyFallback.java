package dev.guildhall.support.client;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

import java.io.IOException;
import java.net.URI;

/**
 * An internal call whose connection the callee refused goes to the callee's standby, where the embedded launcher runs
 * one while it restarts the callee (ADR 276, 279). A refused connection means the request never reached the callee,
 * so sending it elsewhere is safe for every method; any other failure is the caller's, as before. Without standbys
 * (compose, Kubernetes: a Service spreads calls over replicas) it is not installed.
 */
final class StandbyFallback implements ClientHttpRequestInterceptor {

    private final StandbyOrigins standbys;

    StandbyFallback(StandbyOrigins standbys) {
        this.standbys = standbys;
    }

    boolean isEmpty() {
        return standbys.isEmpty();
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        try {
            return execution.execute(request, body);
        } catch (IOException e) {
            URI moved = standbys.atStandby(request.getURI());
            if (moved == null || !StandbyOrigins.refused(e)) {
                throw e;
            }
            return execution.execute(new HttpRequestWrapper(request) {
                @Override
                public URI getURI() {
                    return moved;
                }
            }, body);
        }
    }
}
