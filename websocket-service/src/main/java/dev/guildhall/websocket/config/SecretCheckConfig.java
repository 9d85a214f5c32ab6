package dev.guildhall.websocket.config;

import dev.guildhall.common.security.SecretRules;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Refuses to start websocket-service with a blank, short or published internal token (ADR 142) unless
 * {@value SecretRules#ALLOW_INSECURE_PROPERTY} is set (tests only). A bean factory post-processor,
 * so it fails before anything listens or connects.
 */
@Configuration(proxyBeanMethods = false)
public class SecretCheckConfig {

    @Bean
    static BeanFactoryPostProcessor secretCheck(Environment environment) {
        return beanFactory -> SecretRules.require(environment::getProperty,
                environment.getProperty(SecretRules.ALLOW_INSECURE_PROPERTY, Boolean.class, false),
                "guildhall.upstream.internal-token");
    }
}
