package dev.guildhall.support.security;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.InvalidIdException;
import dev.guildhall.common.id.Snowflake;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves a {@link Caller} parameter from the verified JWT (or bot token) in the security context: identity from the token only. */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof BotAuthentication bot) {
            return new Caller(Snowflake.parse(bot.getPrincipal().userId()), true);
        }
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            throw new GuildhallException(ErrorCode.UNAUTHORIZED, "Authentication required");
        }
        try {
            return new Caller(Snowflake.parse(jwt.getSubject()));
        } catch (InvalidIdException e) {
            throw new GuildhallException(ErrorCode.INVALID_TOKEN, "Token subject is not a user id");
        }
    }
}
