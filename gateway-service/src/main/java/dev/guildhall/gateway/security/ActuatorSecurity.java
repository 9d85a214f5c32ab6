package dev.guildhall.gateway.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.gateway.web.ProblemWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /actuator/**} at the edge (issue 14, findings 4 and 5; ADR 145). Anyone may ask the health status
 * ({@code /actuator/health} and its liveness and readiness groups), which then answers only {@code {status}}; the
 * operator ({@link OperatorProperties}) also gets health details and {@code /actuator/prometheus}; everything else
 * under {@code /actuator}, in any spelling, is a 404 {@code NOT_FOUND}, as if it did not exist, for everyone.
 * A chain of its own, ahead of the user-token chain, so that an operator token is never taken for a JWT.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
public class ActuatorSecurity {

    static final String OPERATOR = "OPERATOR";
    private static final String BEARER = "Bearer ";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain actuatorSecurityWebFilterChain(ServerHttpSecurity http, OperatorProperties operator,
                                                          ProblemWriter problems) {
        AuthenticationWebFilter operatorToken = new AuthenticationWebFilter(operatorAuthentication(operator));
        operatorToken.setServerAuthenticationConverter(bearer());
        operatorToken.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        // a wrong token is answered like no token: the endpoints do not exist for this caller
        operatorToken.setAuthenticationFailureHandler((exchange, e) ->
                problems.write(exchange.getExchange(), ErrorCode.NOT_FOUND, "Not found"));
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .addFilterAt(operatorToken, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(auth -> auth
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
                                "/actuator/health/readiness").permitAll()
                        .pathMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/prometheus").hasRole(OPERATOR)
                        .anyExchange().denyAll())
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((exchange, e) -> problems.write(exchange, ErrorCode.NOT_FOUND, "Not found"))
                        .accessDeniedHandler((exchange, e) -> problems.write(exchange, ErrorCode.NOT_FOUND, "Not found")))
                .build();
    }

    private static ServerAuthenticationConverter bearer() {
        return exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Mono.empty();
            }
            String token = header.substring(BEARER.length()).trim();
            return Mono.just(new UsernamePasswordAuthenticationToken(OPERATOR, token));
        };
    }

    /** Constant-time comparison with the configured token; no token configured = no operator. */
    static ReactiveAuthenticationManager operatorAuthentication(OperatorProperties operator) {
        byte[] expected = operator.enabled() ? operator.token().getBytes(StandardCharsets.UTF_8) : null;
        return authentication -> {
            byte[] presented = String.valueOf(authentication.getCredentials()).getBytes(StandardCharsets.UTF_8);
            if (expected == null || !MessageDigest.isEqual(expected, presented)) {
                return Mono.error(new BadCredentialsException("Not the operator token"));
            }
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated(OPERATOR, null,
                    AuthorityUtils.createAuthorityList("ROLE_" + OPERATOR)));
        };
    }
}
