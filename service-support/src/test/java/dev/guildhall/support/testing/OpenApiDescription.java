package dev.guildhall.support.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A running service's own OpenAPI description ({@code /v3/api-docs}): its operations and their schemas. */
public final class OpenApiDescription {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    /** One operation: its path template, its parameters and its JSON body schema (null without a body). */
    public record Operation(String method, String path, List<JsonNode> parameters, JsonNode bodySchema) {

        public String key() {
            return method.toUpperCase() + " " + path;
        }

        /** The names of the path's {@code {variables}}, in order. */
        public List<String> variables() {
            List<String> variables = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(path);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            return variables;
        }

        /** The names of the query parameters it declares. */
        public List<String> queryNames() {
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.path("in").asString())) {
                    names.add(parameter.path("name").asString());
                }
            }
            return names;
        }

        /** The path with each variable replaced by {@code values} (or {@code fallback} where it has none). */
        public String expand(Map<String, String> values, String fallback) {
            StringBuilder target = new StringBuilder();
            Matcher replace = VARIABLE.matcher(path);
            while (replace.find()) {
                replace.appendReplacement(target,
                        Matcher.quoteReplacement(values.getOrDefault(replace.group(1), fallback)));
            }
            replace.appendTail(target);
            return target.toString();
        }
    }

    private final JsonNode document;

    private OpenApiDescription(JsonNode document) {
        this.document = document;
    }

    /** Reads the description of the service on {@code port}. */
    public static OpenApiDescription of(int port, String authorization) {
        return of(port, "/v3/api-docs", authorization);
    }

    /** Reads the description at {@code path} on {@code port} (the gateway publishes each at /api-docs/<service>). */
    public static OpenApiDescription of(int port, String path, String authorization) {
        HostileRequests.Answer docs = HostileRequests.send(port, "GET", path,
                authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
        assertThat(docs.status()).as("the service's OpenAPI description").isEqualTo(200);
        return new OpenApiDescription(JSON.readTree(docs.body()));
    }

    /** Every operation, in a stable order; DELETEs last, so the objects the others name live as long as possible. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
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

    /** {@code schema} with a {@code $ref} into the components followed (an empty object schema for null). */
    public JsonNode resolve(JsonNode schema) {
        if (schema == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        for (int hops = 0; hops < 5 && schema.has("$ref"); hops++) {
            schema = document.at(schema.path("$ref").asString().substring(1));
        }
        return schema;
    }
}
