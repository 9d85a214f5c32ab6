package dev.guildhall.support.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How access tokens are verified (shared defaults in common's guildhall-service-defaults.yml). */
@Validated
@ConfigurationProperties("guildhall.security")
public record SecurityProperties(@NotBlank String jwkSetUri, @NotBlank String issuer, @NotBlank String audience) {
}
