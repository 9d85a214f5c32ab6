package dev.guildhall.gateway.security;

import dev.guildhall.common.security.BotTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * The edge's check of {@code Authorization: Bot <token>}, beside the JWT check (ADR 152): the token is
 * verified with bot-service ({@link BotTokenVerifier}); a wrong or revoked one is 401 {@code INVALID_TOKEN},
 * an unanswerable one 503. Requests without a bot token are not looked at.
 */
public final class BotTokenAuthentication {

    private BotTokenAuthentication() {
    }

    /** Refused bot tokens: {@link SecurityProblems} answers 401 {@code INVALID_TOKEN}. */
    public static class InvalidBotTokenException extends BadCredentialsException {

        public InvalidBotTokenException() {
            super("The bot token is invalid or revoked");
        }
    }

    static AuthenticationWebFilter filter(BotTokenVerifier verifier, SecurityProblems problems) {
        ReactiveAuthenticationManager manager = authentication -> verifier
                .verify((String) authentication.getCredentials())
                .flatMap(bot -> bot.isPresent()
                        ? Mono.just(BotAuthentication.verified(bot.get()))
                        : Mono.error(new InvalidBotTokenException()));
        AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(
                BotTokens.fromHeader(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
                .map(BotAuthentication::unverified));
        ServerAuthenticationEntryPointFailureHandler failure = new ServerAuthenticationEntryPointFailureHandler(problems);
        // bot-service down is answered by SecurityProblems too (503), not rethrown as a 500
        failure.setRethrowAuthenticationServiceException(false);
        filter.setAuthenticationFailureHandler(failure);
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }
}
