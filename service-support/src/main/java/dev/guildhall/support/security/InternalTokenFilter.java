package dev.guildhall.support.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.support.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /internal/**} answers only callers presenting the shared internal token (ADR 004), compared in constant
 * time. A blank token cannot start a service ({@link InternalProperties} is {@code @NotBlank}); should one reach
 * this filter anyway, it refuses every call rather than accepting an empty header.
 */
public class InternalTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;
    private final JsonMapper json;

    public InternalTokenFilter(String token, JsonMapper json) {
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(InternalApi.TOKEN_HEADER);
        if (expected == null || presented == null
                || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            ProblemResponses.write(response, json, ErrorCode.UNAUTHORIZED, "Internal token required");
            return;
        }
        chain.doFilter(request, response);
    }
}
