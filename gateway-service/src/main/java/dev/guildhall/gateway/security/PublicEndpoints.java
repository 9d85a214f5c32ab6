package dev.guildhall.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * The requests that need no user token. A bearer token sent with one of them is ignored (a client
 * with an expired token must still be able to log in or refresh).
 */
public final class PublicEndpoints {

    /** Prefix of the bot token scheme; such requests are verified with bot-service (ADR 152). */
    public static final String BOT_SCHEME = "Bot ";

    /** Reachable without any token. */
    public static final ServerWebExchangeMatcher ANONYMOUS = new OrServerWebExchangeMatcher(List.of(
            post("/api/v1/auth/register"),
            post("/api/v1/auth/login"),
            post("/api/v1/auth/refresh"),
            post("/api/v1/auth/logout"),
            post("/api/v1/auth/mfa/totp"),
            get("/.well-known/jwks.json"),
            // invite preview, shown before the visitor has an account
            get("/api/v1/invites/{code}"),
            // executing a webhook: the token in the path is the credential, checked by bot-service (ADR 156)
            post("/api/v1/webhooks/{webhookId}/{token}"),
            // the WebSocket authenticates with IDENTIFY inside the socket
            any("/gateway"),
            // a media node's signalling socket authenticates with the voice token inside the socket
            get("/media/{node}/signal"),
            // a bot answers an interaction with the interaction's token in the path, and nothing else (ADR 169)
            post("/api/v1/interactions/{interaction_id}/{token}/callback"),
            any("/api/v1/webhooks/{application_id}/{token:aW50ZXJhY3Rpb246[A-Za-z0-9_-]+}/messages/@original"),
            // the same on the Discord-compatible surface (ADR 187): executing a webhook or a follow-up, the callback,
            // the original response
            post("/api/v10/webhooks/{webhookId}/{token}"),
            post("/api/v9/webhooks/{webhookId}/{token}"),
            post("/api/v10/interactions/{interaction_id}/{token}/callback"),
            post("/api/v9/interactions/{interaction_id}/{token}/callback"),
            any("/api/v10/webhooks/{application_id}/{token:aW50ZXJhY3Rpb246[A-Za-z0-9_-]+}/messages/@original"),
            any("/api/v9/webhooks/{application_id}/{token:aW50ZXJhY3Rpb246[A-Za-z0-9_-]+}/messages/@original"),
            // attachment files and the bytes of direct uploads: the link's signature is the authorization,
            // checked by message-service (ADR 162), so an <img> needs no token
            get("/attachments/{channel}/{attachment}/{filename}"),
            head("/attachments/{channel}/{attachment}/{filename}"),
            put("/attachments/{channel}/{attachment}/{filename}")));
    // /actuator/** has its own chain (ActuatorSecurity)

    /** {@code Authorization: Bot <token>}: verified by {@link BotTokenAuthentication}, not as a JWT. */
    public static final ServerWebExchangeMatcher BOT = exchange -> isBot(exchange)
            ? ServerWebExchangeMatcher.MatchResult.match()
            : ServerWebExchangeMatcher.MatchResult.notMatch();

    /** Public or bot: the gateway does not look at a bearer token for these. */
    public static final ServerWebExchangeMatcher NO_USER_TOKEN = new OrServerWebExchangeMatcher(ANONYMOUS, BOT);

    private PublicEndpoints() {
    }

    public static boolean isBot(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, BOT_SCHEME, 0, BOT_SCHEME.length())
                && authorization.length() > BOT_SCHEME.length();
    }

    public static Mono<Boolean> matches(ServerWebExchangeMatcher matcher, ServerWebExchange exchange) {
        return matcher.matches(exchange).map(ServerWebExchangeMatcher.MatchResult::isMatch);
    }

    private static ServerWebExchangeMatcher post(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.POST);
    }

    private static ServerWebExchangeMatcher get(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.GET);
    }

    private static ServerWebExchangeMatcher head(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.HEAD);
    }

    private static ServerWebExchangeMatcher put(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern, HttpMethod.PUT);
    }

    private static ServerWebExchangeMatcher any(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(pattern);
    }
}
