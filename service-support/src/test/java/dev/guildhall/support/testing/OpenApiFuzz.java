package dev.guildhall.support.testing;

import dev.guildhall.support.testing.OpenApiDescription.Operation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's OpenAPI-driven fuzzing (ADRs 252, 258), shared through service-support's test-jar: jqwik arbitraries of
 * hostile requests for every operation of a running service's own OpenAPI description ({@code /v3/api-docs}) — bad
 * path ids, hostile query values and {@code name[]}, wrong JSON types per schema property, missing and extra fields,
 * huge strings, invalid UTF-8, deeply nested JSON, overflowing numbers, bad {@code Content-Type}s — sent as an
 * authorized caller over a raw socket, so nothing on the client side repairs them. Every answer must be below 500, a
 * 4xx must be {@code application/problem+json} with a {@code code} (429 is DESIGN's JSON with {@code retry_after}),
 * and no answer may show a stack trace. A service's fuzz test is a jqwik property over {@link #sweeps()} (see
 * {@link FuzzSettings} and {@link SpringTestContext}): jqwik shrinks a failing request to a simpler one and names the
 * seed that replays the run. A surface that answers in another error dialect is judged by that dialect's rules instead
 * ({@link Dialect#DISCORD}: bot-service's Discord-compatible API, ADR 271).
 */
public final class OpenApiFuzz {

    /** The error shape a surface answers in, and so what the fuzzer accepts as a well-answered 4xx. */
    public enum Dialect {
        /** Guildhall's v1: {@code application/problem+json} with a stable string {@code code}. */
        PROBLEM,
        /** Discord's: JSON {@code {"code": <number>, "message": "..."}} (ADR 177). */
        DISCORD
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> BODY_MUTATIONS = List.of("path", "query", "types", "missing", "extra", "huge",
            "utf8", "nested", "numbers", "content-type");
    private static final List<String> BODYLESS_MUTATIONS = List.of("path", "query", "utf8", "nested");
    private static final String[] BAD_IDS = {"0", "-1", "18446744073709551616", "abc", "%FF", "%ED%A0%80", "1e3",
        "%00", "9223372036854775807", "@me%2F..", "1.5"};
    private static final String[] BAD_QUERY = {"-1", "99999999999999999999", "abc", "%FF", "", "%ED%A0%80", "1.5",
        "a".repeat(3000), "null", "%00"};
    private static final String[] BAD_CONTENT_TYPES = {"text/plain", "application/xml", "*/*",
        "application/json; charset=bogus", "application/json;;;=;", "multipart/form-data",
        "application/x-www-form-urlencoded"};
    private static final String[] MISSING_BODIES = {"", "{}", "null", "[]", "\"\"", "{", "}"};
    private static final byte[][] NOT_UTF8 = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF, (byte) 0xFE},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    private static final JsonNode HUGE = NODES.stringNode("\u00e9".repeat(100_000));

    /** One hostile request as it goes on the wire; {@code operation} is the key of the operation it aims at. */
    public record Request(String operation, String mutation, String method, String target,
                          Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return "[" + mutation + "] " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                    + " " + headers.getOrDefault("Content-Type", "") + " " + shown
                    + (body != null && body.length > 120 ? "… (" + body.length + " bytes)" : "");
        }
    }

    private final int port;
    private final String authorization;
    private final Map<String, String> ids;
    private final OpenApiDescription description;
    private final Dialect dialect;
    private final List<Operation> operations;

    private OpenApiFuzz(int port, String authorization, Map<String, String> ids, OpenApiDescription description,
                        Dialect dialect) {
        this.port = port;
        this.authorization = authorization;
        this.ids = ids;
        this.description = description;
        this.dialect = dialect;
        this.operations = description.operations();
        assertThat(operations).as("operations in the description").isNotEmpty();
    }

    /**
     * Fuzzing of the service on {@code port} as the caller {@code authorization}, with {@code ids} naming the real
     * objects the path variables should otherwise hold (a variable without one gets {@code 1}).
     */
    public static OpenApiFuzz against(int port, String authorization, Map<String, String> ids) {
        return new OpenApiFuzz(port, authorization, ids, OpenApiDescription.of(port, authorization), Dialect.PROBLEM);
    }

    /**
     * Fuzzing of the Discord-compatible surface of the service on {@code port}: its operations from the description
     * at {@code docsPath} (bot-service's {@code /v3/api-docs/discord} group), every answer judged by
     * {@link Dialect#DISCORD}'s rules.
     */
    public static OpenApiFuzz againstDiscord(int port, String docsPath, String authorization, Map<String, String> ids) {
        return new OpenApiFuzz(port, authorization, ids, OpenApiDescription.of(port, docsPath, authorization),
                Dialect.DISCORD);
    }

    /**
     * The same against the running fleet: the description the gateway on {@code port} publishes at
     * {@code docsPath} ({@code /api-docs/<service>}), every request sent through the gateway.
     */
    public static OpenApiFuzz throughGateway(int port, String docsPath, String authorization, Map<String, String> ids) {
        return new OpenApiFuzz(port, authorization, ids, OpenApiDescription.of(port, docsPath, authorization),
                Dialect.PROBLEM);
    }

    /**
     * Waits (up to 60 s) until the service on {@code port} can check {@code authorization}: its first check fetches the
     * signing keys, which on a loaded machine can outlast the fetch's timeout and answer a true, passing 503. A fixture
     * that starts with a 503 tests nothing, so fuzz fixtures call this before their first authenticated request. It
     * fails when the caller is refused (401): a fuzz run whose every answer is 401 would pass and test nothing.
     */
    public static void awaitTokenChecks(int port, String authorization, String path) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int status;
        do {
            status = HostileRequests.send(port, "GET", path, Map.of("Authorization", authorization), null).status();
            if (status == 503) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).as("GET " + path + " as the fuzz caller").isNotIn(401, 503);
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * Sweeps of the description: one hostile request for every operation, in the description's order with DELETEs
     * last (a DELETE always carries one bad id, so the fixture's objects survive). A property over sweeps reaches every
     * operation on every try; jqwik shrinks each request of a failing sweep on its own.
     */
    public Arbitrary<List<Request>> sweeps() {
        List<Arbitrary<Request>> each = operations.stream().map(this::requests).toList();
        return Combinators.combine(each).as(List::copyOf);
    }

    /** Sends every request of {@code sweep} and fails, saying which were answered badly and how. */
    public void assertAnsweredWell(List<Request> sweep) {
        assertAnsweredWell(sweep, Duration.ZERO);
    }

    /** The same, one request every {@code pace} at the most (under the gateway's per-caller limits). */
    public void assertAnsweredWell(List<Request> sweep, Duration pace) {
        List<String> failures = new ArrayList<>();
        for (Request request : sweep) {
            if (!pace.isZero()) {
                try {
                    Thread.sleep(pace.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            String wrong = answer(request);
            if (wrong != null) {
                failures.add(wrong);
            }
        }
        assertThat(failures).as("hostile requests answered badly (" + sweep.size() + " operations)").isEmpty();
    }

    /** Why {@code request} was answered badly, or null. */
    private String answer(Request request) {
        HostileRequests.Answer answer;
        try {
            answer = HostileRequests.send(port, request.method(), request.target(), request.headers(), request.body());
        } catch (IllegalStateException e) {
            return request + " -> no answer: " + e.getCause();
        }
        String wrong = judge(dialect, answer);
        if (wrong != null && dialect == Dialect.DISCORD && unparseableRequestLine(request, answer)) {
            wrong = null;
        }
        return wrong == null ? null : request + " -> " + answer.status() + " " + wrong + ": "
                + answer.body().substring(0, Math.min(300, answer.body().length()));
    }

    /** Why {@code answer} is not acceptable in {@code dialect}, or null. */
    static String judge(Dialect dialect, HostileRequests.Answer answer) {
        String body = answer.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("at dev.guildhall.")) {
            return "shows a stack trace or exception";
        }
        if (answer.status() == 0) {
            return "no status";
        }
        if (answer.status() >= 500) {
            return "server error";
        }
        if (answer.status() == 429) {
            return body.contains("retry_after") ? null : "429 without retry_after";
        }
        if (answer.status() < 400) {
            return null;
        }
        return switch (dialect) {
            case PROBLEM -> answer.contentType().startsWith("application/problem+json") && body.contains("\"code\"")
                    ? null : "4xx that is not a problem with a code";
            case DISCORD -> discordError(answer);
        };
    }

    /**
     * A request line Tomcat refuses before it knows the path ({@code []} in the target, a target over its line limit):
     * no dialect can be told apart yet, so the service-wide 400 problem is the answer (ADR 271).
     */
    private static boolean unparseableRequestLine(Request request, HostileRequests.Answer answer) {
        return answer.status() == 400 && answer.body().contains("\"code\":\"MALFORMED_REQUEST\"")
                && (request.target().contains("[") || request.target().length() > 2048);
    }

    /** Discord's error object: JSON (not a problem document) whose {@code code} is a number beside a {@code message}. */
    private static String discordError(HostileRequests.Answer answer) {
        if (!answer.contentType().startsWith("application/json")) {
            return "4xx that is not application/json (Discord's error object)";
        }
        JsonNode error;
        try {
            error = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            return "4xx whose body is not JSON";
        }
        return error.path("code").isIntegralNumber() && error.path("message").isString() ? null
                : "4xx that is not Discord's error object (a numeric code and a message)";
    }

    private Arbitrary<Request> requests(Operation operation) {
        List<String> variables = operation.variables();
        // a DELETE never runs on the real objects: one of its ids is always a bad one
        List<String> mutations = operation.method().equals("delete") && !variables.isEmpty() ? List.of("path")
                : operation.bodySchema() != null ? BODY_MUTATIONS : BODYLESS_MUTATIONS;
        return Arbitraries.of(mutations)
                .flatMap(mutation -> request(operation, mutation.equals("path") && variables.isEmpty() ? "query" : mutation));
    }

    private Arbitrary<Request> request(Operation operation, String mutation) {
        Arbitrary<String> target = mutation.equals("path") ? badPath(operation)
                : Arbitraries.just(operation.expand(ids, "1"));
        if (mutation.equals("query")) {
            target = Combinators.combine(target, query(operation)).as(String::concat);
        }
        boolean hasBody = operation.bodySchema() != null || mutation.equals("utf8") || mutation.equals("nested");
        Arbitrary<Optional<byte[]>> body = hasBody
                ? body(mutation, description.resolve(operation.bodySchema())).map(Optional::of)
                : Arbitraries.just(Optional.empty());
        Arbitrary<String> contentType = mutation.equals("content-type") ? Arbitraries.of(BAD_CONTENT_TYPES)
                : Arbitraries.just(hasBody ? "application/json" : "");
        return Combinators.combine(target, contentType, body).as((path, type, bytes) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", authorization);
            if (!type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            return new Request(operation.key(), mutation, operation.method().toUpperCase(), path, headers,
                    bytes.orElse(null));
        });
    }

    /** The path with one variable holding a bad id and the others the real objects. */
    private Arbitrary<String> badPath(Operation operation) {
        return Combinators.combine(Arbitraries.of(operation.variables()), Arbitraries.of(BAD_IDS)).as((name, bad) -> {
            Map<String, String> values = new HashMap<>(ids);
            values.put(name, bad);
            return operation.expand(values, "1");
        });
    }

    /** Every query parameter the operation declares (or the usual ones) with a hostile value; sometimes {@code name[]}. */
    private Arbitrary<String> query(Operation operation) {
        List<String> declared = operation.queryNames();
        List<String> names = declared.isEmpty() ? List.of("limit", "before", "q") : declared;
        return Combinators.combine(Arbitraries.of(BAD_QUERY).list().ofSize(names.size()), Arbitraries.of(false, true))
                .as((values, arrayStyle) -> {
                    StringBuilder query = new StringBuilder("?");
                    for (int i = 0; i < names.size(); i++) {
                        query.append(i > 0 ? "&" : "").append(names.get(i)).append('=').append(values.get(i));
                    }
                    if (arrayStyle) {
                        query.append('&').append(names.get(0)).append("[]=1");
                    }
                    return query.toString();
                });
    }

    private Arbitrary<byte[]> body(String mutation, JsonNode schema) {
        return switch (mutation) {
            case "missing" -> Arbitraries.of(MISSING_BODIES).map(text -> text.getBytes(StandardCharsets.UTF_8));
            case "utf8" -> utf8(schema);
            case "nested" -> nested();
            default -> object(mutation, schema).map(JSON::writeValueAsBytes);
        };
    }

    /** A body shaped like {@code schema} whose values are wrong the way {@code mutation} says. */
    private Arbitrary<JsonNode> object(String mutation, JsonNode schema) {
        if (schema.path("type").asString("").equals("array")) {
            JsonNode items = description.resolve(schema.path("items"));
            if (mutation.equals("huge")) {
                // huge = many items, not many huge items (2,000 × 200 KB strings would be a gigabyte body)
                return object("plain", items).map(item -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = 0; i < 2000; i++) {
                        array.add(item);
                    }
                    return array;
                });
            }
            return object(mutation, items).list().ofMinSize(1).ofMaxSize(3).map(list -> NODES.arrayNode().addAll(list));
        }
        List<String> names = new ArrayList<>();
        List<Arbitrary<JsonNode>> values = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> {
            names.add(property.getKey());
            values.add(value(mutation, description.resolve(property.getValue()).path("type").asString("object")));
        });
        Arbitrary<ObjectNode> object = values.isEmpty() ? Arbitraries.just(NODES.objectNode())
                : Combinators.combine(values).as(list -> {
                    ObjectNode node = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        node.set(names.get(i), list.get(i));
                    }
                    return node;
                });
        if (!mutation.equals("extra") && !values.isEmpty()) {
            return object.map(JsonNode.class::cast);
        }
        return Combinators.combine(object, Arbitraries.integers().between(0, 99)).as((node, n) -> {
            ObjectNode extra = node.deepCopy();
            extra.put("not_a_field_" + n, "surprise");
            extra.set("__proto__", NODES.objectNode().put("admin", true));
            return extra;
        });
    }

    private Arbitrary<JsonNode> value(String mutation, String type) {
        return switch (mutation) {
            case "types" -> wrongType(type);
            case "huge" -> Arbitraries.just(HUGE);
            case "numbers" -> Arbitraries.of(NODES.numberNode(-1), NODES.numberNode(Long.MIN_VALUE),
                    NODES.numberNode(new BigInteger("18446744073709551616")), NODES.numberNode(new BigDecimal("1e400")),
                    NODES.numberNode(1.5), NODES.stringNode("-1"), NODES.stringNode("99999999999999999999"));
            default -> Arbitraries.just(NODES.stringNode("x"));
        };
    }

    private static Arbitrary<JsonNode> wrongType(String type) {
        return switch (type) {
            case "string" -> Arbitraries.of(NODES.numberNode(123), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add("x"), NODES.nullNode());
            case "integer", "number" -> Arbitraries.of(NODES.stringNode("x"), NODES.booleanNode(false),
                    NODES.objectNode(), NODES.numberNode(1.5));
            case "boolean" -> Arbitraries.of(NODES.stringNode("true"), NODES.numberNode(1), NODES.arrayNode());
            case "array" -> Arbitraries.of(NODES.stringNode("[]"), NODES.objectNode(), NODES.numberNode(1));
            default -> Arbitraries.of(NODES.stringNode("{}"), NODES.arrayNode(), NODES.numberNode(7),
                    NODES.booleanNode(true));
        };
    }

    /** Every string property (or one made up) holding bytes that are not UTF-8: lone surrogates, 0xFF, overlongs. */
    private Arbitrary<byte[]> utf8(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> names.add(property.getKey()));
        if (names.isEmpty()) {
            names.add("content");
        }
        return Arbitraries.of(NOT_UTF8).list().ofSize(names.size()).map(sequences -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < names.size(); i++) {
                out.writeBytes(((i > 0 ? "," : "") + "\"" + names.get(i) + "\":\"a").getBytes(StandardCharsets.UTF_8));
                out.writeBytes(sequences.get(i));
                out.writeBytes("\"".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        });
    }

    /** 2,000–10,000 levels of arrays or objects. */
    private static Arbitrary<byte[]> nested() {
        return Combinators.combine(Arbitraries.integers().between(2000, 9999), Arbitraries.of(false, true))
                .as((depth, arrays) -> {
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
                });
    }
}
