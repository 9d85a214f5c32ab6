package dev.guildhall.gateway.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Security's refusals as problem+json: no token (401 {@code UNAUTHORIZED}), a bad, expired or foreign
 * token or a wrong or revoked bot token (401 {@code INVALID_TOKEN}), token verification impossible
 * because auth-service's keys or bot-service cannot be reached (503), access denied (403), a request the firewall rejects (400).
 * On the Discord surface ({@code /api/v10}, {@code /api/v9}) {@link ProblemWriter} words them as Discord does (ADR 275).
 */
@Component
public class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerExchangeRejectedHandler {

    private final ProblemWriter problems;

    public SecurityProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof AuthenticationServiceException) {
            return problems.write(exchange, ErrorCode.SERVICE_UNAVAILABLE,
                    "Token verification is temporarily unavailable", Map.of(), Map.of(HttpHeaders.RETRY_AFTER, "5"));
        }
        if (ex instanceof BotTokenAuthentication.InvalidBotTokenException) {
            return problems.write(exchange, ErrorCode.INVALID_TOKEN, ex.getMessage(), Map.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bot"));
        }
        if (ex instanceof OAuth2AuthenticationException) {
            return problems.write(exchange, ErrorCode.INVALID_TOKEN, "The access token is invalid or expired", Map.of(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
        }
        return problems.write(exchange, ErrorCode.UNAUTHORIZED, "An access token is required", Map.of(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange, ErrorCode.MISSING_PERMISSIONS, "Access denied");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
        return problems.write(exchange, ErrorCode.VALIDATION_FAILED, "The request was rejected");
    }
}
