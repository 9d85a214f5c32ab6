package dev.guildhall.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;

import java.lang.annotation.Annotation;

/**
 * Makes the services' API descriptions say what the services really take. Publishes a route that takes a {@link DeferredBody DeferredBody&lt;T&gt;} (ADR 250) in the service's API description
 * exactly as if it took {@code @RequestBody T}: springdoc knows only the annotation, so without this the body would
 * vanish from the description and the wrapper would show up as a query parameter. Bot developers read these
 * descriptions, and the fuzz tests (ADR 252) generate their bodies from them.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOperationComponentsCustomizer")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DeferredBodyApiDocs {

    static {
        // not a parameter of the operation: its body is added below
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(DeferredBody.class);
    }

    /**
     * Schemas named as the JSON really is: every service writes and reads snake_case
     * ({@code spring.jackson.property-naming-strategy}), but swagger's own (Jackson 2) mapper knows nothing of that
     * and described every body and answer in camelCase.
     */
    @Bean
    ModelResolver namedLikeTheJson(SpringDocConfigProperties springDoc, Environment environment) {
        ObjectMapper mapper = (springDoc.isOpenapi31() ? Json31.mapper() : Json.mapper()).copy();
        if ("SNAKE_CASE".equalsIgnoreCase(environment.getProperty("spring.jackson.property-naming-strategy"))) {
            mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        }
        return new ModelResolver(mapper).openapi31(springDoc.isOpenapi31());
    }

    @Bean
    GlobalOperationComponentsCustomizer deferredBodyDescriptions(SpringDocConfigProperties springDoc) {
        SpecVersion spec = springDoc.isOpenapi31() ? SpecVersion.V31 : SpecVersion.V30;
        return new GlobalOperationComponentsCustomizer() {
            @Override
            public Operation customize(Operation operation, HandlerMethod handler) {
                return operation; // the body needs the components: the method below
            }

            @Override
            public Operation customize(Operation operation, Components components, HandlerMethod handler) {
                describeBodies(operation, components, handler, spec);
                return operation;
            }
        };
    }

    private static void describeBodies(Operation operation, Components components, HandlerMethod handler,
                                       SpecVersion spec) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() != DeferredBody.class || operation.getRequestBody() != null) {
                continue;
            }
            ResolvableType body = ResolvableType.forMethodParameter(parameter).getGeneric(0);
            Schema<?> schema = SpringDocAnnotationsUtils.extractSchema(components, body.getType(), null,
                    new Annotation[0], spec);
            operation.setRequestBody(new RequestBody().content(new Content()
                    .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new MediaType().schema(schema))));
        }
    }
}
