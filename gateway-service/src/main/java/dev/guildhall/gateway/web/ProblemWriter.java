package dev.guildhall.gateway.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the problem+json bodies the gateway itself answers with (outside any controller: security
 * entry points, filters, the error handler), in the same shape as every service's
 * {@code Problems.of(...)}: {@code type, title, status, detail, instance, code, ...}; on the Discord-compatible
 * surface the same refusals in Discord's error object instead ({@link DiscordDialect}, ADR 275).
 */
@Component
public class ProblemWriter {

    public static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problems.MEDIA_TYPE);

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        return write(exchange, code, detail, Map.of(), Map.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail, Map<String, Object> properties,
                            Map<String, String> headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String path = exchange.getRequest().getPath().value();
        response.setStatusCode(HttpStatusCode.valueOf(code.status()));
        response.getHeaders().setContentType(contentType(path));
        headers.forEach(response.getHeaders()::set);
        byte[] body = json.writeValueAsBytes(body(path, code, detail, properties));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The body of a refusal of a request for {@code path}: a problem, or Discord's error object on its surface. */
    public static Map<String, Object> body(String path, ErrorCode code, String detail, Map<String, Object> properties) {
        return DiscordDialect.speaks(path) ? DiscordDialect.body(code, properties)
                : toMap(Problems.of(code, detail, properties), path);
    }

    /** {@code application/problem+json}, or plain {@code application/json} on the Discord surface. */
    public static MediaType contentType(String path) {
        return DiscordDialect.speaks(path) ? MediaType.APPLICATION_JSON : PROBLEM_JSON;
    }

    /** The flat JSON form: standard members first, then the extension members ({@code code}, ...). */
    public static Map<String, Object> toMap(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", instance);
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
