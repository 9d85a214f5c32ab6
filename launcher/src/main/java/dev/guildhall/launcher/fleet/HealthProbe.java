package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a service's {@code /actuator/health}. */
public final class HealthProbe {

    /** What a probe found. */
    public enum State { UP, DOWN, UNREACHABLE }

    /** @param detail the health status the service reported, or why it could not be asked */
    public record Health(State state, String detail) {
        public boolean isUp() {
            return state == State.UP;
        }
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HealthProbe() {
    }

    public static Health check(int port, Duration timeout) {
        return check("127.0.0.1", port, timeout);
    }

    /** @param host where the service listens (the gateway may listen on one public address only) */
    public static Health check(String host, int port, Duration timeout) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + h + ":" + port + "/actuator/health"))
                    .timeout(timeout).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return parse(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Health(State.UNREACHABLE, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(State.UNREACHABLE, "interrupted");
        }
    }

    /** The first {@code "status"} of an actuator health document is the aggregate one. */
    static Health parse(int httpStatus, String body) {
        Matcher m = STATUS.matcher(body == null ? "" : body);
        String status = m.find() ? m.group(1) : "HTTP " + httpStatus;
        boolean up = httpStatus == 200 && "UP".equals(status);
        return new Health(up ? State.UP : State.DOWN, status);
    }
}
