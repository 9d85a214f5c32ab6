package dev.guildhall.server.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param internalToken {@code GUILDHALL_INTERNAL_TOKEN}, required on {@code /internal/**} (ADR 004) */
@Validated
@ConfigurationProperties("guildhall")
public record InternalProperties(@NotBlank String internalToken) {

    public static final String HEADER = "X-Guildhall-Internal-Token";
}
