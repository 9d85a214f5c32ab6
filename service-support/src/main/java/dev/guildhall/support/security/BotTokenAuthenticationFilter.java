package dev.guildhall.support.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.web.ErrorDialect;
import dev.guildhall.support.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code Authorization: Bot <token>} verified in the owning service too, exactly like a JWT (ADR 152): a
 * request that skips the gateway with a forged or revoked token is refused 401 {@code INVALID_TOKEN};
 * bot-service unreachable is 503. Requests with any other Authorization pass untouched. On the paths of an
 * {@link ErrorDialect} (bot-service's Discord surface) the refusal is in that dialect (ADR 275).
 */
public class BotTokenAuthenticationFilter extends OncePerRequestFilter {

    private final BotTokenVerifier verifier;
    private final JsonMapper json;
    private final List<ErrorDialect> dialects;

    public BotTokenAuthenticationFilter(BotTokenVerifier verifier, JsonMapper json, List<ErrorDialect> dialects) {
        this.verifier = verifier;
        this.json = json;
        this.dialects = dialects;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = BotTokens.fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null || request.getRequestURI().startsWith(request.getContextPath() + "/internal/")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<BotTokens.Verified> bot;
        try {
            bot = verifier.verify(token);
        } catch (GuildhallException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            ProblemResponses.write(request, response, json, dialects, ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
            return;
        }
        if (bot.isEmpty()) {
            ProblemResponses.write(request, response, json, dialects, ErrorCode.INVALID_TOKEN,
                    "The bot token is invalid or revoked");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new BotAuthentication(bot.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
