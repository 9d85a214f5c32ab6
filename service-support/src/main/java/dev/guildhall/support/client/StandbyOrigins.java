package dev.guildhall.support.client;

import org.springframework.web.util.UriComponentsBuilder;

import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each service's standby runs while the embedded launcher restarts it ({@code GUILDHALL_STANDBY_URLS}:
 * {@code primary=standby} pairs of base URLs, ADR 276, 279), and when a failed call may go there: only when the
 * primary refused the connection, so the request never reached it. Used by the blocking clients
 * ({@link InternalClients}) and by websocket-service's reactive ones.
 */
public final class StandbyOrigins {

    private static final StandbyOrigins NONE = new StandbyOrigins(Map.of());

    private final Map<String, URI> standbyByOrigin;

    private StandbyOrigins(Map<String, URI> standbyByOrigin) {
        this.standbyByOrigin = Map.copyOf(standbyByOrigin);
    }

    public static StandbyOrigins none() {
        return NONE;
    }

    /** From {@code primary=standby} pairs; blank entries are ignored, anything else is a configuration error. */
    public static StandbyOrigins of(List<String> pairs) {
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
        return map.isEmpty() ? NONE : new StandbyOrigins(map);
    }

    public boolean isEmpty() {
        return standbyByOrigin.isEmpty();
    }

    /** {@code url} at its service's standby, or {@code null} when that service has none. */
    public URI atStandby(URI url) {
        URI standby = standbyByOrigin.get(origin(url));
        return standby == null ? null : UriComponentsBuilder.fromUri(url).scheme(standby.getScheme())
                .host(standby.getHost()).port(standby.getPort()).build(true).toUri();
    }

    /** Whether {@code failure} is a refused connection: the request never reached the callee. */
    public static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** {@code scheme://host:port} of {@code uri}, lower case, the default port made explicit: how instances are told apart. */
    public static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
    }
}
