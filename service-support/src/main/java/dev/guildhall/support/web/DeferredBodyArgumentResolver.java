package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Resolves a {@link DeferredBody} parameter without reading the request (ADR 250). On {@link DeferredBody#read()} the
 * body goes through Spring's own {@link RequestResponseBodyMethodProcessor} with the handler adapter's converters, so
 * strictness, content types and error answers are exactly those of {@code @RequestBody}; then {@link RequestBodies}
 * validates it.
 */
public class DeferredBodyArgumentResolver implements HandlerMethodArgumentResolver {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapter;
    private final RequestBodies bodies;
    private volatile RequestResponseBodyMethodProcessor processor;

    public DeferredBodyArgumentResolver(ObjectProvider<RequestMappingHandlerAdapter> adapter, RequestBodies bodies) {
        this.adapter = adapter;
        this.bodies = bodies;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return DeferredBody.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        MethodParameter body = parameter.nested(); // the T of DeferredBody<T>
        return DeferredBody.reading(required -> {
            Object value;
            try {
                value = processor().resolveArgument(body, container, request, binders);
            } catch (HttpMediaTypeNotSupportedException e) {
                // unchecked, so it leaves a transaction callback as it is (TransactionTemplate wraps a checked
                // exception in UndeclaredThrowableException: a 500); the same 415 problem as @RequestBody's
                throw new GuildhallException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type '" + e.getContentType() + "' is not supported; send application/json");
            } catch (Exception e) {
                throw Sneaky.<RuntimeException>rethrow(e);
            }
            if (value == null && !required) {
                return null;
            }
            if (value == null) {
                throw new HttpMessageNotReadableException("Required request body is missing",
                        new ServletServerHttpRequest(request.getNativeRequest(HttpServletRequest.class)));
            }
            return bodies.valid(value);
        });
    }

    private RequestResponseBodyMethodProcessor processor() {
        RequestResponseBodyMethodProcessor current = processor;
        if (current == null) {
            current = new RequestResponseBodyMethodProcessor(adapter.getObject().getMessageConverters());
            processor = current;
        }
        return current;
    }

    /**
     * Lets the other exceptions of the body's resolution leave {@link DeferredBody#read()} as they are, so the one
     * error handler answers them exactly as before.
     */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <E extends Throwable> E rethrow(Throwable e) throws E {
            throw (E) e;
        }
    }
}
