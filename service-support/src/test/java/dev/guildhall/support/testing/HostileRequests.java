package dev.guildhall.support.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed requests of issue 14's finding 2 (invalid UTF-8 in query and path, broken {@code Content-Type}
 * headers, multipart without a boundary or unterminated, array-style parameters, a 10,000-character query),
 * sent over a raw socket so that nothing on the client side repairs them. Every service's test runs them
 * against its own endpoints: each must answer a 4xx {@code application/problem+json} with a {@code code}.
 * Shared through service-support's test-jar.
 */
public final class HostileRequests {

    private HostileRequests() {
    }

    /** One request as it goes on the wire. */
    public record Probe(String name, String method, String target, Map<String, String> headers, String body) {
    }

    /** What came back: status, lower-cased headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * The probes for a service.
     *
     * @param queryPath a GET path that reads query parameters (search, members, history)
     * @param jsonPath  a POST path that takes a JSON body
     * @param authorization the Authorization header to send, or null (login, register)
     */
    public static List<Probe> probes(String queryPath, String jsonPath, String authorization) {
        Map<String, String> auth = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        List<Probe> probes = new ArrayList<>();
        for (String bad : List.of("%ED%A0%80", "%FF", "%C0%AF")) {
            probes.add(new Probe("query " + bad, "GET", queryPath + "?q=" + bad + "&before=" + bad, auth, null));
        }
        probes.add(new Probe("path %ED%A0%80", "GET", queryPath + "/%ED%A0%80", auth, null));
        probes.add(new Probe("path %FF%FE", "GET", "/api/v1/users/%FF%FE", auth, null));
        probes.add(new Probe("before[]", "GET", queryPath + "?before[]=1", auth, null));
        probes.add(new Probe("10,000-character query", "GET", queryPath + "?q=" + "a".repeat(10_000), auth, null));
        for (String type : List.of("*/*", "application/*", "application/json; charset=bogus", "application/json;;;=;",
                "multipart/form-data")) {
            probes.add(new Probe("Content-Type " + type, "POST", jsonPath, with(auth, "Content-Type", type), "{}"));
        }
        probes.add(new Probe("multipart unterminated", "POST", jsonPath,
                with(auth, "Content-Type", "multipart/form-data; boundary=xyz"),
                "--xyz\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"hi\"}"));
        return probes;
    }

    /** Sends every probe and asserts each answer is a 4xx problem+json with a code. */
    public static void assertEveryAnswerIsAProblem(int port, List<Probe> probes) {
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            Answer answer = send(port, probe);
            boolean ok = answer.status() >= 400 && answer.status() < 500
                    && answer.contentType().startsWith("application/problem+json")
                    && answer.body().contains("\"code\":\"");
            if (!ok) {
                failures.add(probe.name() + " -> " + answer.status() + " " + answer.contentType() + " "
                        + answer.body().substring(0, Math.min(200, answer.body().length())));
            }
        }
        assertThat(failures).as("malformed requests that were not answered with a 4xx problem with a code").isEmpty();
    }

    /**
     * Sends one probe and reads one response by its framing (the connection is not asked to close: a server that
     * answers before reading the body and then closed the connection would reset it under the unread bytes).
     */
    public static Answer send(int port, Probe probe) {
        try {
            return send(port, probe.method(), probe.target(), probe.headers(),
                    probe.body() == null ? null : probe.body().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(probe.name() + " failed", e.getCause());
        }
    }

    /** {@link #send(int, Probe)} with the body as raw bytes (invalid UTF-8 included); {@code body} null sends none. */
    public static Answer send(int port, String method, String target, Map<String, String> headers, byte[] rawBody) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            byte[] body = rawBody == null ? new byte[0] : rawBody;
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (rawBody != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + " failed", e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Answer(0, Map.of(), "");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size = line(in); size != null; size = line(in)) {
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    break;
                }
                body.write(in.readNBytes(length));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            try {
                body.write(in.readAllBytes());
            } catch (IOException e) {
                // closed after the body: what arrived is the body
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
