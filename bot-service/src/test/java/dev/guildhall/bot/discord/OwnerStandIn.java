package dev.guildhall.bot.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Stands in for server-service's and message-service's v1 APIs behind the Discord surface (ADR 154): records each
 * call as it arrived (method, path with query, Authorization, body) and answers what the test set for
 * {@code "METHOD /path?query"} (or for the first pattern set that matches it), else 204 (or what
 * {@link #otherwise} says). The owners' own behaviour is their tests'; here the translation is.
 */
final class OwnerStandIn {

    record Call(String method, String target, String authorization, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Answer(int status, String body) {
    }

    private static OwnerStandIn instance;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Map.Entry<Pattern, Answer>> patterns = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = new Answer(204, "");

    private OwnerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    /** A stand-in of its own (a test that answers differently from the shared one). */
    static OwnerStandIn start() {
        try {
            return new OwnerStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized OwnerStandIn get() {
        if (instance == null) {
            try {
                instance = new OwnerStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String methodAndTarget, int status, String body) {
        answers.put(methodAndTarget, new Answer(status, body));
    }

    /** The answer to every {@code "METHOD /path?query"} that {@code regex} matches in full. */
    void answerMatching(String regex, int status, String body) {
        patterns.add(Map.entry(Pattern.compile(regex), new Answer(status, body)));
    }

    /** The answer to a call nothing else answers (204 unless set). */
    void otherwise(int status, String body) {
        otherwise = new Answer(status, body);
    }

    /** The calls whose target starts with this path, in order. */
    List<Call> callsTo(String pathPrefix) {
        return calls.stream().filter(c -> c.target().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new Call(exchange.getRequestMethod(), target,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            String key = exchange.getRequestMethod() + " " + target;
            Answer answer = answers.get(key);
            if (answer == null) {
                answer = patterns.stream().filter(p -> p.getKey().matcher(key).matches())
                        .map(Map.Entry::getValue).findFirst().orElse(otherwise);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
