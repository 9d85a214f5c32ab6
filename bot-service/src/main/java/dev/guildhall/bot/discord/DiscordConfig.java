package dev.guildhall.bot.discord;

import dev.guildhall.support.security.PublicPaths;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscordProperties.class)
public class DiscordConfig {

    private static final List<String> PREFIXES = List.of("/api/v10", "/api/v9");
    /** The description group of the Discord surface, at {@code /v3/api-docs/discord} (ADR 271). */
    public static final String API_DOCS_GROUP = "discord";

    /**
     * The Discord surface's own description at {@code /v3/api-docs/discord}, for its fuzz test (ADR 271); not routed by
     * the gateway. Its paths are chosen by {@link #apiDocsPaths()}.
     */
    @Bean
    GroupedOpenApi discordApiDocs() {
        return GroupedOpenApi.builder().group(API_DOCS_GROUP).displayName("Discord-compatible API (v10)")
                .pathsToMatch("/api/v10/**").build();
    }

    /**
     * Which paths each description shows: the default ({@code /v3/api-docs}, the gateway's {@code /api-docs/bot}) the
     * public v1 API only, as before; the discord group {@code /api/v10} only ({@code /api/v9} is the same routes).
     * springdoc applies the global {@code paths-to-match} and the customizer beans to every group alike, so the global
     * one names both ({@code bot-api-docs.yml}) and this one customizer tells the descriptions apart by the request
     * asking for them (a description is built on its first request).
     */
    @Bean
    GlobalOpenApiCustomizer apiDocsPaths() {
        return openApi -> {
            String prefix = requestedPath().endsWith("/" + API_DOCS_GROUP) ? "/api/v10/" : "/api/v1/";
            if (openApi.getPaths() != null) {
                openApi.getPaths().keySet().removeIf(path -> !path.startsWith(prefix));
            }
        };
    }

    private static String requestedPath() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRequestURI() : "";
    }

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
