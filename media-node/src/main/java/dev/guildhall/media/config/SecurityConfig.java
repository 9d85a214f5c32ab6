package dev.guildhall.media.config;

import dev.guildhall.support.security.InternalProperties;
import dev.guildhall.support.security.InternalTokenFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node has no user accounts: {@code /internal/**} (the control API) requires the shared internal
 * token, {@code /signal} authenticates with the voice token in its first frame, health is open. This
 * chain replaces service-support's default (user JWTs), which would refuse the WebSocket upgrade.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    SecurityFilterChain mediaSecurity(HttpSecurity http, InternalProperties internal, JsonMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .addFilterBefore(new InternalTokenFilter(internal.internalToken(), json), AuthorizationFilter.class);
        return http.build();
    }
}
