package dev.guildhall.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Cross-origin access for the web client when it is served from another origin (a dev server).
 *
 * @param allowedOrigins exact origins ({@code GUILDHALL_CORS_ALLOWED_ORIGINS}, comma-separated)
 * @param maxAge         how long a browser may cache a preflight answer
 */
@ConfigurationProperties("guildhall.gateway.cors")
public record CorsProperties(@DefaultValue({"http://localhost:8080", "http://localhost:5173"}) List<String> allowedOrigins,
                             @DefaultValue("30m") Duration maxAge) {
}
