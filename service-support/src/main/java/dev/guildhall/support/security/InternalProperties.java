package dev.guildhall.support.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param internalToken {@code GUILDHALL_INTERNAL_TOKEN}: required on this service's {@code /internal/**}
 *                      and presented to other services' in {@code InternalApi.TOKEN_HEADER} (ADR 004)
 */
@Validated
@ConfigurationProperties("guildhall")
public record InternalProperties(@NotBlank String internalToken) {
}
