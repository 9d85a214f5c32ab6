package dev.guildhall.bot.autoresponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AutoResponseProperties.class)
class AutoResponseConfig {
}
