package dev.guildhall.bot.interaction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Slash commands and interactions: their settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InteractionProperties.class)
public class InteractionConfig {
}
