package dev.guildhall.bot.interaction;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's follow-up route {@code POST /webhooks/{application_id}/{token}} is also a webhook's execution route;
 * Spring MVC cannot choose between two mappings of that shape, so a follow-up — told apart by the interaction
 * token's prefix — is forwarded to {@link InteractionResponseController#FOLLOW_UP_TARGET} before mapping.
 */
@Component
class FollowUpForwarding extends OncePerRequestFilter {

    private static final Pattern FOLLOW_UP =
            Pattern.compile("/api/v1/webhooks/([0-9]{1,20})/(" + InteractionTokens.PATTERN + ")");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = FOLLOW_UP.matcher(request.getRequestURI());
        if ("POST".equals(request.getMethod()) && m.matches()) {
            request.getRequestDispatcher(InteractionResponseController.FOLLOW_UP_TARGET
                            .replace("{applicationId}", m.group(1)).replace("{token}", m.group(2)))
                    .forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
