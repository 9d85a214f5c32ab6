package dev.guildhall.support.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's OpenAPI-driven fuzz test, shared through service-support's test-jar: reads every public operation from a
 * running service's own OpenAPI description ({@code /v3/api-docs}) and sends each hostile requests as an authorized
 * member — wrong JSON types, missing and extra fields, huge strings, invalid UTF-8, deeply nested JSON, bad
 * {@code Content-Type}, bad path ids, negative and overflowing numbers — over a raw socket, so nothing on the client
 * side repairs them. Every answer must be below 500, a 4xx must be {@code application/problem+json} with a {@code code}
 * (429 is DESIGN's JSON with {@code retry_after}), and no answer may show a stack trace. The generator is seeded: a
 * failure names its seed, and the same seed against the same description replays the same requests.
 */
public final class OpenApiFuzz {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private static final String[] BAD_IDS = {"0", "-1", "18446744073709551616", "abc", "%FF", "%ED%A0%80", "1e3",
        "%00", "9223372036854775807", "@me%2F..", "1.5"};
    private static final String[] BAD_QUERY = {"-1", "99999999999999999999", "abc", "%FF", "", "%ED%A0%80", "1.5",
        "a".repeat(3000), "null", "%00"};
    private static final String[] BAD_CONTENT_TYPES = {"text/plain", "application/xml", "*/*",
        "application/json; charset=bogus", "application/json;;;=;", "multipart/form-data",
        "application/x-www-form-urlencoded"};

    /** What to fuzz and how. */
    public record Settings(int port, String authorization, Map<String, String> ids, long seed, int perOperation,
                           Duration budget) {
    }

    /** One operation of the description. */
    record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {
        String key() {
            return method.toUpperCase() + " " + path;
        }
    }

    private final Settings settings;
    private final JsonNode description;
    private final SplittableRandom random;

    private OpenApiFuzz(Settings settings, JsonNode description) {
        this.settings = settings;
        this.description = description;
        this.random = new SplittableRandom(settings.seed());
    }

    /** Fuzzes every operation of the service on {@code settings.port()} and asserts that none answered badly. */
    public static void assertNoServerErrors(Settings settings) {
        HostileRequests.Answer docs = HostileRequests.send(settings.port(), "GET", "/v3/api-docs",
                Map.of("Authorization", settings.authorization()), null);
        assertThat(docs.status()).as("the service's OpenAPI description").isEqualTo(200);
        OpenApiFuzz fuzz = new OpenApiFuzz(settings, JSON.readTree(docs.body()));
        List<Operation> operations = fuzz.operations();
        assertThat(operations).as("operations in the description").isNotEmpty();
        List<String> failures = fuzz.run(operations);
        assertThat(failures).as("hostile requests answered badly (seed " + settings.seed() + ", "
                + operations.size() + " operations)").isEmpty();
    }

    /** Every operation; DELETEs last so that the objects the others name live as long as possible. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        description.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                path.getValue().path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(method, path.getKey(), parameters, body.isMissingNode() ? null : body));
            }
        });
        operations.sort(Comparator.comparing((Operation o) -> o.method().equals("delete")).thenComparing(Operation::key));
        return operations;
    }

    private List<String> run(List<Operation> operations) {
        long deadline = System.nanoTime() + settings.budget().toNanos();
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations) {
            for (int i = 0; i < settings.perOperation() && System.nanoTime() < deadline; i++) {
                Request request = hostile(operation);
                HostileRequests.Answer answer;
                try {
                    answer = HostileRequests.send(settings.port(), request.method(), request.target(), request.headers(),
                            request.body());
                } catch (IllegalStateException e) {
                    failures.add(request + " -> no answer: " + e.getCause());
                    continue;
                }
                String wrong = judge(answer);
                if (wrong != null) {
                    failures.add(request + " -> " + answer.status() + " " + wrong + ": "
                            + answer.body().substring(0, Math.min(300, answer.body().length())));
                }
            }
        }
        return failures;
    }

    /** Why {@code answer} is not acceptable, or null. */
    static String judge(HostileRequests.Answer answer) {
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
        if (answer.status() >= 400 && !(answer.contentType().startsWith("application/problem+json")
                && body.contains("\"code\""))) {
            return "4xx that is not a problem with a code";
        }
        return null;
    }

    record Request(String mutation, String method, String target, Map<String, String> headers, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
            return "[" + mutation + "] " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                    + " " + headers.getOrDefault("Content-Type", "") + " " + shown;
        }
    }

    private Request hostile(Operation operation) {
        boolean hasBody = operation.bodySchema() != null;
        List<String> variables = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(operation.path());
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        // a DELETE never runs on the real objects: one of its ids is always a bad one
        String mutation = operation.method().equals("delete") && !variables.isEmpty() ? "path"
                : pick(hasBody ? new String[]{"path", "query", "types", "missing", "extra", "huge", "utf8", "nested",
                    "numbers", "content-type"} : new String[]{"path", "query", "query", "utf8", "nested"});
        if (mutation.equals("path") && variables.isEmpty()) {
            mutation = "query";
        }
        String badVariable = mutation.equals("path") ? variables.get(random.nextInt(variables.size())) : null;
        StringBuilder target = new StringBuilder();
        Matcher replace = VARIABLE.matcher(operation.path());
        while (replace.find()) {
            String name = replace.group(1);
            String value = name.equals(badVariable) ? pick(BAD_IDS) : settings.ids().getOrDefault(name, "1");
            replace.appendReplacement(target, Matcher.quoteReplacement(value));
        }
        replace.appendTail(target);
        if (mutation.equals("query")) {
            target.append(query(operation));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", settings.authorization());
        byte[] body = null;
        if (hasBody || mutation.equals("utf8") || mutation.equals("nested")) {
            headers.put("Content-Type", "application/json");
            body = body(mutation, schema(operation.bodySchema()));
        }
        if (mutation.equals("content-type")) {
            headers.put("Content-Type", pick(BAD_CONTENT_TYPES));
        }
        return new Request(mutation, operation.method().toUpperCase(), target.toString(), headers, body);
    }

    private String query(Operation operation) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : operation.parameters()) {
            if ("query".equals(parameter.path("in").asString())) {
                names.add(parameter.path("name").asString());
            }
        }
        if (names.isEmpty()) {
            names = List.of("limit", "before", "q");
        }
        StringBuilder query = new StringBuilder("?");
        for (String name : names) {
            query.append(query.length() > 1 ? "&" : "").append(name).append('=').append(pick(BAD_QUERY));
        }
        if (random.nextInt(4) == 0) {
            query.append("&").append(names.get(0)).append("[]=1");
        }
        return query.toString();
    }

    private byte[] body(String mutation, JsonNode schema) {
        return switch (mutation) {
            case "missing" -> pick(new String[]{"", "{}", "null", "[]", "\"\"", "{", "}"}).getBytes(StandardCharsets.UTF_8);
            case "utf8" -> utf8(schema);
            case "nested" -> nested();
            default -> JSON.writeValueAsBytes(object(mutation, schema));
        };
    }

    /** A body shaped like {@code schema} whose values are wrong the way {@code mutation} says. */
    private JsonNode object(String mutation, JsonNode schema) {
        if (schema.path("type").asString("").equals("array")) {
            ArrayNode array = NODES.arrayNode();
            int count = mutation.equals("huge") ? 2000 : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                // huge = many items, not many huge items (2,000 × 200 KB strings would be a gigabyte body)
                array.add(object(mutation.equals("huge") ? "plain" : mutation, schema(schema.path("items"))));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        schema.path("properties").properties().forEach(property -> {
            JsonNode type = schema(property.getValue());
            object.set(property.getKey(), switch (mutation) {
                case "types" -> wrongType(type.path("type").asString("object"));
                case "huge" -> NODES.stringNode("\u00e9".repeat(100_000));
                case "numbers" -> pickNode(NODES.numberNode(-1), NODES.numberNode(Long.MIN_VALUE),
                        NODES.numberNode(new java.math.BigInteger("18446744073709551616")),
                        NODES.numberNode(new java.math.BigDecimal("1e400")), NODES.numberNode(1.5),
                        NODES.stringNode("-1"), NODES.stringNode("99999999999999999999"));
                default -> NODES.stringNode("x");
            });
        });
        if (mutation.equals("extra") || object.isEmpty()) {
            object.put("not_a_field_" + random.nextInt(100), "surprise");
            object.set("__proto__", NODES.objectNode().put("admin", true));
        }
        return object;
    }

    private JsonNode wrongType(String type) {
        return switch (type) {
            case "string" -> pickNode(NODES.numberNode(123), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add("x"), NODES.nullNode());
            case "integer", "number" -> pickNode(NODES.stringNode("x"), NODES.booleanNode(false), NODES.objectNode(),
                    NODES.numberNode(1.5));
            case "boolean" -> pickNode(NODES.stringNode("true"), NODES.numberNode(1), NODES.arrayNode());
            case "array" -> pickNode(NODES.stringNode("[]"), NODES.objectNode(), NODES.numberNode(1));
            default -> pickNode(NODES.stringNode("{}"), NODES.arrayNode(), NODES.numberNode(7), NODES.booleanNode(true));
        };
    }

    /** Every string property (or one made up) holding bytes that are not UTF-8: lone surrogates, 0xFF, overlongs. */
    private byte[] utf8(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").properties().forEach(property -> names.add(property.getKey()));
        if (names.isEmpty()) {
            names.add("content");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < names.size(); i++) {
            out.writeBytes(((i > 0 ? "," : "") + "\"" + names.get(i) + "\":\"a").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(pick(new byte[][]{{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF, (byte) 0xFE},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}}));
            out.writeBytes("\"".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] nested() {
        int depth = 2000 + random.nextInt(8000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code schema} with a {@code $ref} to the description's components followed. */
    private JsonNode schema(JsonNode schema) {
        if (schema == null) {
            return NODES.objectNode();
        }
        for (int hops = 0; hops < 5 && schema.has("$ref"); hops++) {
            String ref = schema.path("$ref").asString();
            schema = description.at(ref.substring(1));
        }
        return schema;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] pick(byte[][] values) {
        return values[random.nextInt(values.length)];
    }

    private JsonNode pickNode(JsonNode... values) {
        return values[random.nextInt(values.length)];
    }
}
