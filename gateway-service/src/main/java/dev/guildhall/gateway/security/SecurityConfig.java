package dev.guildhall.gateway.security;

import dev.guildhall.common.security.TokenVerification;
import dev.guildhall.gateway.webapp.WebAppProperties;
import dev.guildhall.support.security.VerifiedTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

import java.util.List;

import static dev.guildhall.common.ratelimit.RateLimitHeaders.BUCKET;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.GLOBAL;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.LIMIT;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.REMAINING;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.RESET;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.RESET_AFTER;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.RETRY_AFTER;
import static dev.guildhall.common.ratelimit.RateLimitHeaders.SCOPE;

/**
 * Edge authentication: {@code /api/**} needs a valid user access token (verified exactly as every
 * service verifies it, {@link TokenVerification}) or a bot token bot-service confirms
 * ({@link BotTokenAuthentication}, ADR 152) unless it is one of the {@link PublicEndpoints}; everything else (web client, docs) is public; stateless, no CSRF (bearer
 * tokens, no cookies), CORS for the configured origins, security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
                                                  SecurityProblems problems, WebAppProperties webApp,
                                                  BotTokenVerifier botTokens) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                // CORS is answered before this chain by CorsFilter (problem+json refusals)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(webApp.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeExchange(auth -> auth
                        .matchers(PublicEndpoints.ANONYMOUS).permitAll()
                        .pathMatchers("/actuator/**").denyAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder))
                        .bearerTokenConverter(userTokenConverter())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                // Authorization: Bot <token>, verified with bot-service like a JWT (ADR 152)
                .addFilterAt(BotTokenAuthentication.filter(botTokens, problems), SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** Reads {@code Authorization: Bearer}, except on public and bot requests, where a token is ignored. */
    static ServerAuthenticationConverter userTokenConverter() {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return exchange -> PublicEndpoints.matches(PublicEndpoints.NO_USER_TOKEN, exchange)
                .flatMap(skip -> skip ? Mono.empty() : bearer.convert(exchange));
    }

    /**
     * The shared verifier (RS256 from auth-service's JWKS, issuer, audience, expiry, access tokens
     * only) with a deadline, so that a slow JWKS fetch becomes a 503 instead of a hanging request; a token verified
     * before skips the signature check (ADR 236). The revocation list of logged-out tokens (ADR 208) is asked on
     * every routed request by the {@code RateLimitFilter}, in the rate-limit decision's round trip to Redis (ADR 268).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties token, VerifiedTokens verified) {
        return verified.caching(verifier(token));
    }

    /** The signature, claims and deadline part of {@link #jwtDecoder}. */
    static ReactiveJwtDecoder verifier(TokenProperties token) {
        ReactiveJwtDecoder verifier = TokenVerification.reactiveDecoder(token.jwkSetUri(), token.issuer(), token.audience());
        return jwt -> verifier.decode(jwt).timeout(token.verificationTimeout(),
                Mono.error(() -> new JwtException("Token verification timed out fetching the signing keys")));
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.allowedOrigins());
        config.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(), HttpMethod.POST.name(),
                HttpMethod.PUT.name(), HttpMethod.PATCH.name(), HttpMethod.DELETE.name(), HttpMethod.OPTIONS.name()));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                "X-Audit-Log-Reason", "X-Requested-With"));
        config.setExposedHeaders(List.of(LIMIT, REMAINING, RESET, RESET_AFTER, BUCKET, GLOBAL, SCOPE, RETRY_AFTER));
        // bearer tokens travel in a header, never in cookies
        config.setAllowCredentials(false);
        config.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
