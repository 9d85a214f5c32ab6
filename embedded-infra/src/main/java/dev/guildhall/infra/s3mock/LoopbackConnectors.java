package dev.guildhall.infra.s3mock;

import java.lang.reflect.Method;
import java.util.Collection;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs inside S3Mock's JVM, not ours (ADR 140): S3Mock 4.x adds its plain-HTTP Tomcat connector
 * without an address, so {@code server.address} leaves it on every interface. This initializer
 * (named in a {@code META-INF/spring.factories} beside it) gives every additional connector 127.0.0.1 before Tomcat
 * binds it. Only JDK and Spring Framework types at compile time, Tomcat by reflection: S3Mock
 * brings its own Spring Boot and Tomcat.
 */
public final class LoopbackConnectors implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String ADDRESS = "127.0.0.1";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new Binder());
    }

    /** Sets the address of the additional connectors on the Tomcat factory S3Mock declares. */
    public static final class Binder implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!bean.getClass().getName().endsWith(".TomcatServletWebServerFactory")) {
                return bean;
            }
            try {
                Method connectors = bean.getClass().getMethod("getAdditionalTomcatConnectors");
                for (Object connector : (Collection<?>) connectors.invoke(bean)) {
                    Method set = connector.getClass().getMethod("setProperty", String.class, String.class);
                    if (!Boolean.TRUE.equals(set.invoke(connector, "address", ADDRESS))) {
                        throw new IllegalStateException("the connector took no address");
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not bind S3Mock's connectors to " + ADDRESS, e);
            }
            return bean;
        }
    }
}
