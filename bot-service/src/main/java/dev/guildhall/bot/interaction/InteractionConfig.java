package dev.guildhall.bot.interaction;

import dev.guildhall.common.event.Topics;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.support.security.PublicPaths;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.http.HttpMethod;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Slash commands and interactions: settings, the bot-events outbox and topic, the response-deadline clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InteractionProperties.class)
public class InteractionConfig {

    /** service-data's relay publishes this table to bot-events (ADR 122). */
    @Bean
    OutboxTable interactionOutbox() {
        return InteractionEvents.OUTBOX;
    }

    /** bot-service owns bot-events. */
    @Bean
    NewTopic botEventsTopic() {
        return TopicBuilder.name(Topics.BOT_EVENTS).partitions(3).build();
    }

    /** The bot's answers carry the interaction's token in the path instead of Authorization (ADR 169). */
    @Bean
    PublicPaths interactionCallback() {
        return PublicPaths.post(InteractionResponseController.CALLBACK, InteractionResponseController.FOLLOW_UP,
                InteractionResponseController.FOLLOW_UP_TARGET);
    }

    @Bean
    PublicPaths interactionOriginal() {
        return new PublicPaths(HttpMethod.PATCH, List.of(InteractionResponseController.ORIGINAL));
    }

    @Bean
    PublicPaths interactionOriginalRead() {
        return new PublicPaths(HttpMethod.GET, List.of(InteractionResponseController.ORIGINAL));
    }

    /** Checks, after the response deadline, whether each interaction was answered. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService interactionDeadlines() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "interaction-deadlines");
            t.setDaemon(true);
            return t;
        });
    }
}
