package dev.guildhall.support.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.security.TokenVerification;
import dev.guildhall.support.web.ErrorDialect;
import dev.guildhall.support.web.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * A service's users are identified only by a verified access token (common's {@link TokenVerification}:
 * auth-service's JWKS, RS256, issuer, audience, {@code token_use=access}); {@code /internal/**} by the shared
 * internal token instead; a bot by its verified bot token ({@link BotTokenAuthenticationFilter}); failures
 * answer problem+json, or the service's {@link ErrorDialect} on its paths (ADR 275). A service with other needs
 * (auth-service's public login) declares its own {@link SecurityFilterChain} and this one steps aside.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({SecurityProperties.class, InternalProperties.class})
public class ServiceSecurityConfiguration {

    /** Paths any service answers without a user token. */
    public static final String[] PUBLIC_PATHS = {"/actuator/**", "/internal/**", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html", "/error"};

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties props, ObjectProvider<TokenRevocations> revocations,
                          VerifiedTokens verified) {
        // a token verified before skips the signature check (ADR 236); the revocation check below still runs
        JwtDecoder verifier = verified.caching(
                TokenVerification.decoder(props.jwkSetUri(), props.issuer(), props.audience()));
        // a revoked token (logout, password change) is refused here too, so a service reached directly also
        // refuses it (ADR 208)
        TokenRevocations revoked = revocations.getIfAvailable();
        return revoked == null ? verifier : revoked.checking(verifier);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain securityFilterChain(HttpSecurity http, InternalProperties internal, JsonMapper json,
                                            BotTokenVerifier bots, ObjectProvider<PublicPaths> publicPaths,
                                            ObjectProvider<ErrorDialect> errorDialects)
            throws Exception {
        List<ErrorDialect> dialects = errorDialects.orderedStream().toList();
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            boolean presented = request.getHeader("Authorization") != null;
            ProblemResponses.write(request, response, json, dialects,
                    presented ? ErrorCode.INVALID_TOKEN : ErrorCode.UNAUTHORIZED,
                    presented ? "Invalid or expired token" : "Authentication required");
        };
        AccessDeniedHandler denied = (request, response, e) -> ProblemResponses.write(request, response, json, dialects,
                ErrorCode.MISSING_PERMISSIONS, "Access denied");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers(PUBLIC_PATHS).permitAll();
                    publicPaths.orderedStream().forEach(extra ->
                            auth.requestMatchers(extra.method(), extra.patterns().toArray(String[]::new)).permitAll());
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(denied)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures(unauthorized, json, dialects));
                                return filter;
                            }
                        }))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .addFilterBefore(new InternalTokenFilter(internal.internalToken(), json),
                        BearerTokenAuthenticationFilter.class)
                // Authorization: Bot <token>, verified with bot-service (ADR 152)
                .addFilterBefore(new BotTokenAuthenticationFilter(bots, json, dialects),
                        BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A token that could not be checked because the keys could not be fetched (auth-service slow or down: Spring
     * Security's {@link AuthenticationServiceException}) is the service's trouble, not the caller's: 503 with
     * {@code Retry-After}, as for bot tokens, instead of the 500 Spring Security's default rethrow becomes.
     */
    static AuthenticationFailureHandler failures(AuthenticationEntryPoint unauthorized, JsonMapper json,
                                                 List<ErrorDialect> dialects) {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException) {
                response.setHeader("Retry-After", "1");
                ProblemResponses.write(request, response, json, dialects, ErrorCode.SERVICE_UNAVAILABLE,
                        "The token could not be checked just now; try again");
            } else {
                unauthorized.commence(request, response, e);
            }
        };
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
