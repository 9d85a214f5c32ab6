package dev.guildhall.auth.config;

import dev.guildhall.auth.key.KeyRing;
import dev.guildhall.auth.token.LocalJwtDecoder;
import dev.guildhall.support.security.TokenRevocations;
import dev.guildhall.support.security.VerifiedTokens;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.security.TokenVerification;
import dev.guildhall.support.security.InternalProperties;
import dev.guildhall.support.security.InternalTokenFilter;
import dev.guildhall.support.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two chains: {@code /internal/**} guarded by the shared internal token, and the rest, where
 * {@code /api/v1/users/**} needs an access token verified locally against this instance's own
 * key ring (with common's {@link TokenVerification#validator}). Stateless, no sessions, no CSRF
 * (no cookies), and every refusal is problem+json. These chains replace service-support's one chain (which
 * steps aside); the internal-token filter, error handler and problem writer are service-support's.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** Verifies access tokens against our own keys: the issuer does not fetch its JWKS over HTTP. */
    @Bean
    JwtDecoder jwtDecoder(KeyRing ring, AuthProperties properties, TokenRevocations revocations,
                          VerifiedTokens verified) {
        // revoked tokens (logout, password change) are refused here as at every other verifier (ADR 208), also
        // when the signature check was remembered (ADR 236)
        return revocations.checking(verified.caching(
                LocalJwtDecoder.create(ring, properties.issuer(), properties.audience())));
    }

    @Bean
    @Order(1)
    SecurityFilterChain internalChain(HttpSecurity http, InternalProperties internal, JsonMapper json)
            throws Exception {
        return stateless(http.securityMatcher("/internal/**"))
                .addFilterBefore(new InternalTokenFilter(internal.internalToken(), json), AuthorizationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder decoder, JsonMapper json) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            boolean presented = e instanceof OAuth2AuthenticationException;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            ProblemResponses.write(response, json, presented ? ErrorCode.INVALID_TOKEN : ErrorCode.UNAUTHORIZED,
                    presented ? ErrorCode.INVALID_TOKEN.title() : "An access token is required");
        };
        AccessDeniedHandler denied = (request, response, e) ->
                ProblemResponses.write(response, json, ErrorCode.MISSING_PERMISSIONS, ErrorCode.MISSING_PERMISSIONS.title());
        return stateless(http)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/auth/**").permitAll()
                        .requestMatchers("/.well-known/jwks.json").permitAll()
                        .requestMatchers("/actuator/**").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(bearerTokenResolver())
                        .jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .build();
    }

    /**
     * The public auth endpoints ignore a bearer header: a stale token sent along with a login must
     * not turn it into a 401. Logout reads the header itself.
     */
    private static BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/auth/")
                ? null
                : standard.resolve(request);
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
