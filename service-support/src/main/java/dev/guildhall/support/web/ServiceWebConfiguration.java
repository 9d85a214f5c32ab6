package dev.guildhall.support.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Registers the one error handler of a servlet service (problem+json with a stable code, DESIGN's 429).
 * Runs before Boot's web MVC auto-configuration so that Boot's own {@code ProblemDetailsExceptionHandler}
 * ({@code spring.mvc.problemdetails.enabled}, on in every service) sees this handler and steps aside.
 * Malformed requests are answered the same way wherever they are caught: by {@link MalformedRequestFilter} before
 * anything parses them, by {@link ProblemErrorReportValve} when Tomcat rejects them itself (ADR 144).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ErrorHandler.class)
public class ServiceWebConfiguration {

    /** Bodies validated after the access check (ADR 217). */
    @Bean
    RequestBodies requestBodies(jakarta.validation.Validator validator) {
        return new RequestBodies(validator);
    }

    /** {@link DeferredBody} parameters: bodies read after the access check (ADR 250). */
    @Bean
    WebMvcConfigurer deferredBodies(ObjectProvider<RequestMappingHandlerAdapter> adapter, RequestBodies bodies) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new DeferredBodyArgumentResolver(adapter, bodies));
            }
        };
    }

    /** Just after the observation filter, so refused requests are still counted, and before security. */
    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter(JsonMapper json,
                                                                          ObjectProvider<ErrorDialect> dialects) {
        FilterRegistrationBean<MalformedRequestFilter> registration =
                new FilterRegistrationBean<>(new MalformedRequestFilter(json, dialects.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tomcat.class)
    static class TomcatErrorPages {

        /**
         * Runs after Boot's customizer, whose plain {@link ErrorReportValve} it replaces with one that knows the
         * service's {@link ErrorDialect}s (Tomcat would otherwise make its own, knowing none, from the class name).
         */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve(
                ObjectProvider<ErrorDialect> dialects) {
            return new WebServerFactoryCustomizer<>() {
                @Override
                public void customize(ConfigurableTomcatWebServerFactory factory) {
                    factory.addContextCustomizers(context -> {
                        if (context.getParent() instanceof StandardHost host) {
                            for (Valve valve : host.getPipeline().getValves()) {
                                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                                    host.getPipeline().removeValve(valve);
                                }
                            }
                            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                            if (java.util.Arrays.stream(host.getPipeline().getValves())
                                    .noneMatch(ProblemErrorReportValve.class::isInstance)) {
                                host.getPipeline().addValve(
                                        new ProblemErrorReportValve(dialects.orderedStream().toList()));
                            }
                        }
                    });
                }
            };
        }
    }
}
