package dev.guildhall.message.config;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.security.TokenVerification;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users are identified only by a verified access token (common's {@link TokenVerification}:
 * auth-service's JWKS, RS256, issuer, audience, {@code token_use=access}); {@code /internal/**}
 * by the shared internal token instead. Failures answer problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, InternalProperties.class})
class SecurityConfig {

    @Bean
    JwtDecoder jwtDecoder(SecurityProperties props) {
        return TokenVerification.decoder(props.jwkSetUri(), props.issuer(), props.audience());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, InternalProperties internal, JsonMapper json)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            boolean presented = request.getHeader("Authorization") != null;
            ProblemResponses.write(response, json, presented ? ErrorCode.INVALID_TOKEN : ErrorCode.UNAUTHORIZED,
                    presented ? "Invalid or expired token" : "Authentication required");
        };
        AccessDeniedHandler denied = (request, response, e) ->
                ProblemResponses.write(response, json, ErrorCode.MISSING_PERMISSIONS, "Access denied");
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/**", "/internal/**", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(denied))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .addFilterBefore(new InternalTokenFilter(internal.internalToken(), json),
                        BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
