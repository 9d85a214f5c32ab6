package dev.guildhall.support.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The secrets every service on service-support may hold: the internal token, and the voice-token secret (voice, media). */
@AutoConfiguration
public class SecretCheckConfiguration {

    @Bean
    static SecretCheck guildhallSecretCheck() {
        return new SecretCheck("guildhall.internal-token", "guildhall.voice.token-secret");
    }
}
