package dev.guildhall.support.client;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An internal call whose connection the callee refused goes to the callee's standby, where the embedded launcher runs
 * one while it restarts the callee (ADR 276, 279). A refused connection means the request never reached the callee,
 * so sending it elsewhere is safe for every method; any other failure is the caller's, as before. Without standbys
 * (compose, Kubernetes: a Service spreads calls over replicas) it does nothing.
 */
final class StandbyFallback implements ClientHttpRequestInterceptor {

    private final Map<String, URI> standbyByOrigin;

    private StandbyFallback(Map<String, URI> standbyByOrigin) {
        this.standbyByOrigin = Map.copyOf(standbyByOrigin);
    }

    /**
     * From {@code primary=standby} pairs of base URLs ({@code http://localhost:8082=http://localhost:8132});
     * blank entries are ignored, anything else is a configuration error.
     */
    static StandbyFallback of(List<String> pairs) {
        Map<String, URI> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            if (pair == null || pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("a standby is primary=standby (two base URLs), not '" + pair + "'");
            }
            URI primary = URI.create(pair.substring(0, eq).strip());
            URI standby = URI.create(pair.substring(eq + 1).strip());
            if (primary.getHost() == null || standby.getHost() == null) {
                throw new IllegalArgumentException("a standby pair needs two absolute URLs, not '" + pair + "'");
            }
            map.put(origin(primary), standby);
        }
        return new StandbyFallback(map);
    }

    boolean isEmpty() {
        return standbyByOrigin.isEmpty();
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        try {
            return execution.execute(request, body);
        } catch (IOException e) {
            URI standby = standbyByOrigin.get(origin(request.getURI()));
            if (standby == null || !refused(e)) {
                throw e;
            }
            URI moved = UriComponentsBuilder.fromUri(request.getURI()).scheme(standby.getScheme())
                    .host(standby.getHost()).port(standby.getPort()).build(true).toUri();
            return execution.execute(new HttpRequestWrapper(request) {
                @Override
                public URI getURI() {
                    return moved;
                }
            }, body);
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
    }
}
