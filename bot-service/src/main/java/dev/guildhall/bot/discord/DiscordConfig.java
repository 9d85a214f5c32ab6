package dev.guildhall.bot.discord;

import dev.guildhall.support.security.PublicPaths;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscordProperties.class)
public class DiscordConfig {

    private static final List<String> PREFIXES = List.of("/api/v10", "/api/v9");

    /** Executing a webhook, a follow-up and an interaction's callback: the token in the path is the credential. */
    @Bean
    PublicPaths discordTokenPosts() {
        return new PublicPaths(HttpMethod.POST, prefixed(DiscordWebhooksController.EXECUTE,
                DiscordInteractionsController.CALLBACK));
    }

    @Bean
    PublicPaths discordOriginalRead() {
        return new PublicPaths(HttpMethod.GET, prefixed(DiscordInteractionsController.ORIGINAL));
    }

    @Bean
    PublicPaths discordOriginalEdit() {
        return new PublicPaths(HttpMethod.PATCH, prefixed(DiscordInteractionsController.ORIGINAL));
    }

    @Bean
    PublicPaths discordOriginalDelete() {
        return new PublicPaths(HttpMethod.DELETE, prefixed(DiscordInteractionsController.ORIGINAL));
    }

    private static List<String> prefixed(String... paths) {
        return PREFIXES.stream().flatMap(prefix -> java.util.Arrays.stream(paths).map(p -> prefix + p)).toList();
    }
}
