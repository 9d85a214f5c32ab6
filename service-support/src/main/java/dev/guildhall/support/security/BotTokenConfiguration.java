package dev.guildhall.support.security;

import dev.guildhall.support.client.InternalClients;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link BotTokenVerifier} every servlet service's security uses: bot-service over HTTP, unless the
 * service declares its own (bot-service itself checks its own table).
 */
@AutoConfiguration(before = ServiceSecurityConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({BotTokenProperties.class, InternalProperties.class})
public class BotTokenConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BotTokenVerifier botTokenVerifier(BotTokenProperties properties, InternalClients clients, JsonMapper json) {
        return new RemoteBotTokenVerifier(properties, clients, json);
    }
}
