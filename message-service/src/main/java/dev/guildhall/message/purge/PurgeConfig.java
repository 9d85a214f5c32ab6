package dev.guildhall.message.purge;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link PurgeProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeProperties.class)
class PurgeConfig {
}
