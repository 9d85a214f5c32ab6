package dev.guildhall.support.secrets;

import java.util.List;

import dev.guildhall.common.security.SecretRules;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Refuses to start the service when one of its shared secrets is blank, short or a published
 * default ({@link SecretRules}, ADR 142), unless {@value SecretRules#ALLOW_INSECURE_PROPERTY} is set
 * (tests only). A bean factory post-processor, so it fails before any other bean is made: nothing
 * has listened, connected or served with the weak secret.
 */
public final class SecretCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    private final List<String> properties;
    private Environment environment;

    /** @param properties the secrets to check; one that is not defined at all is skipped */
    public SecretCheck(String... properties) {
        this.properties = List.of(properties);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        boolean allow = environment.getProperty(SecretRules.ALLOW_INSECURE_PROPERTY, Boolean.class, false);
        SecretRules.require(environment::getProperty, allow, properties.toArray(String[]::new));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
