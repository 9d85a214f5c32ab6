package dev.guildhall.support.security;

import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Requests a service answers without a user or bot token, besides
 * {@link ServiceSecurityConfiguration#PUBLIC_PATHS}: declare a bean of this type (bot-service's webhook
 * execution, whose token is in the path). Each bean adds its patterns for one method.
 */
public record PublicPaths(HttpMethod method, List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public static PublicPaths post(String... patterns) {
        return new PublicPaths(HttpMethod.POST, List.of(patterns));
    }
}
