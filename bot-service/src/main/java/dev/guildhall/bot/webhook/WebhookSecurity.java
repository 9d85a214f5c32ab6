package dev.guildhall.bot.webhook;

import dev.guildhall.support.security.PublicPaths;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Executing a webhook needs no Authorization: the token in the path is the credential (Discord's semantics). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookSecurity {

    static final String EXECUTE = "/api/v1/webhooks/{webhookId}/{token}";

    @Bean
    PublicPaths webhookExecution() {
        return PublicPaths.post(EXECUTE);
    }
}
