package dev.guildhall.auth.config;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.internal.InternalApi;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /internal/**} needs {@code X-Guildhall-Internal-Token} equal to the configured shared
 * secret (compared in constant time). A blank configured secret refuses everything.
 */
class InternalTokenFilter extends OncePerRequestFilter {

    static final String HEADER = InternalApi.TOKEN_HEADER;

    private final byte[] expected;
    private final ProblemWriter problems;

    InternalTokenFilter(String expected, ProblemWriter problems) {
        this.expected = expected == null || expected.isBlank() ? null : expected.getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (expected == null || given == null
                || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            problems.write(request, response, ErrorCode.UNAUTHORIZED, "Missing or wrong " + HEADER);
            return;
        }
        chain.doFilter(request, response);
    }
}
