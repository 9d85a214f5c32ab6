package dev.guildhall.support.secrets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A service on service-support does not start with a secret an attacker could know or guess (ADR 142). */
class SecretCheckTest {

    private static final String STRONG = "q3J9-x2Vb7Lr0pWc5mZt8yHs1dKf4gNa6eUo";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecretCheckConfiguration.class));

    @Test
    void refusesThePublishedDefaultInternalToken() {
        service.withPropertyValues("guildhall.internal-token=dev-internal-token").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasMessageContaining("guildhall.internal-token is a published default");
        });
    }

    @Test
    void refusesABlankOrShortOrPlaceholderSecret() {
        service.withPropertyValues("guildhall.internal-token=", "guildhall.voice.token-secret=short")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasMessageContaining("guildhall.internal-token is blank")
                        .hasMessageContaining("guildhall.voice.token-secret is shorter than 32 characters"));
        service.withPropertyValues("guildhall.internal-token=" + STRONG,
                        "guildhall.voice.token-secret=change-me-voice-token-secret-0123456789")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasMessageContaining("guildhall.voice.token-secret is still the change-me placeholder"));
    }

    @Test
    void startsWithThePublishedDefaultOnlyWhenTestsAllowIt() {
        service.withPropertyValues("guildhall.internal-token=dev-internal-token",
                        "guildhall.voice.token-secret=dev-voice-token-secret", "guildhall.security.allow-insecure-secrets=true")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void startsWithRandomSecrets() {
        service.withPropertyValues("guildhall.internal-token=" + STRONG, "guildhall.voice.token-secret=" + STRONG + "v")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aServiceWithoutAVoiceSecretIsNotAskedForOne() {
        service.withPropertyValues("guildhall.internal-token=" + STRONG).run(context -> assertThat(context).hasNotFailed());
    }
}
