package dev.guildhall.bot.webhook;

import dev.guildhall.bot.message.MessageWriter;
import dev.guildhall.bot.server.ServerPermissions;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.ratelimit.RateLimitedException;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A channel's incoming webhooks (ADR 156): managed by members with MANAGE_WEBHOOKS in the channel (asked of
 * server-service), executed by anyone holding the token; the message is written by message-service.
 */
@Service
public class WebhookService {

    static final int MAX_NAME = 80;
    static final int MAX_URL = 2048;

    private final WebhookRepository webhooks;
    private final WebhookTokens tokens;
    private final WebhookRateLimiter rateLimiter;
    private final ServerPermissions permissions;
    private final MessageWriter messages;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final WebhookProperties properties;

    WebhookService(WebhookRepository webhooks, WebhookTokens tokens, WebhookRateLimiter rateLimiter,
                   ServerPermissions permissions, MessageWriter messages, SnowflakeGenerator ids, Clock clock,
                   WebhookProperties properties) {
        this.webhooks = webhooks;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.permissions = permissions;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
        this.properties = properties;
    }

    public WebhookResponse create(long callerId, long channelId, WebhookRequests.Create request) {
        return create(callerId, channelId, DeferredBody.of(request));
    }

    /** The body is read once the caller may manage the channel's webhooks (ADR 250). */
    public WebhookResponse create(long callerId, long channelId, DeferredBody<WebhookRequests.Create> body) {
        ServerPermissions.Access access = manageable(callerId, channelId, ErrorCode.UNKNOWN_CHANNEL);
        if (!"text".equals(access.channelType())) {
            throw new GuildhallException(ErrorCode.INVALID_CHANNEL_TYPE, "Webhooks post in text channels");
        }
        WebhookRequests.Create request = body.read();
        String name = name(request.name());
        String avatarUrl = url("avatar_url", request.avatarUrl());
        String token = tokens.generate();
        Instant now = clock.instant();
        Webhook webhook = new Webhook(ids.next(), access.serverId(), channelId, name, avatarUrl, callerId,
                WebhookTokens.hash(token), now, now);
        webhooks.db().inTransaction(() -> {
            if (webhooks.countInChannelForUpdate(channelId) >= properties.maxPerChannel()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "At most " + properties.maxPerChannel() + " webhooks per channel");
            }
            webhooks.insert(webhook);
        });
        return WebhookResponse.of(webhook, token, properties.publicUrl() + "/api/v1/webhooks/"
                + Snowflake.format(webhook.webhookId()) + "/" + token);
    }

    public List<WebhookResponse> inChannel(long callerId, long channelId) {
        manageable(callerId, channelId, ErrorCode.UNKNOWN_CHANNEL);
        return webhooks.inChannel(channelId).stream().map(WebhookResponse::of).toList();
    }

    public List<WebhookResponse> inServer(long callerId, long serverId) {
        ServerPermissions.Access access = permissions.inServer(callerId, serverId)
                .filter(ServerPermissions.Access::sees)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER));
        requireManage(access);
        return webhooks.inServer(serverId).stream().map(WebhookResponse::of).toList();
    }

    public WebhookResponse update(long callerId, long webhookId, WebhookRequests.Update request) {
        return update(callerId, webhookId, DeferredBody.of(request));
    }

    /** The body is read once the caller may manage the webhook (ADR 250). */
    public WebhookResponse update(long callerId, long webhookId, DeferredBody<WebhookRequests.Update> body) {
        Webhook current = managed(callerId, webhookId);
        WebhookRequests.Update request = body.read();
        long channelId = current.channelId();
        if (request.channelId() != null && Snowflake.parse(request.channelId()) != channelId) {
            channelId = Snowflake.parse(request.channelId());
            ServerPermissions.Access target = manageable(callerId, channelId, ErrorCode.UNKNOWN_CHANNEL);
            if (target.serverId() != current.serverId() || !"text".equals(target.channelType())) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A webhook moves to a text channel of its server",
                        Map.of("errors", Map.of("channel_id", "must be a text channel of the same server")));
            }
        }
        String name = request.name() == null ? current.name() : name(request.name());
        String avatarUrl = request.avatarUrl() == null ? current.avatarUrl()
                : request.avatarUrl().isEmpty() ? null : url("avatar_url", request.avatarUrl());
        webhooks.update(webhookId, channelId, name, avatarUrl, clock.instant());
        return WebhookResponse.of(webhooks.find(webhookId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_WEBHOOK)));
    }

    /** One webhook, for someone who may manage it (its token is never shown again). */
    public WebhookResponse get(long callerId, long webhookId) {
        return WebhookResponse.of(managed(callerId, webhookId));
    }

    public void delete(long callerId, long webhookId) {
        managed(callerId, webhookId);
        webhooks.delete(webhookId);
    }

    /**
     * @param message   the message, when {@code wait} was asked for
     * @param rateLimit the webhook's window, for the response headers
     */
    public record Executed(JsonNode message, RateLimitHeaders.Decision rateLimit) {
    }

    /**
     * Posts as the webhook. A wrong token and an unknown webhook are the same 401 after the same work (one
     * lookup by id, one hash, one constant-time comparison).
     */
    public Executed execute(String rawWebhookId, String token, WebhookRequests.Execute request) {
        Webhook webhook = authenticate(rawWebhookId, token);
        RateLimitHeaders.Decision decision = rateLimiter.acquire(webhook.webhookId());
        if (!decision.allowed()) {
            throw new RateLimitedException(decision);
        }
        String username = request.username() == null || request.username().isBlank() ? webhook.name()
                : request.username().strip();
        String avatarUrl = request.avatarUrl() == null || request.avatarUrl().isBlank() ? webhook.avatarUrl()
                : url("avatar_url", request.avatarUrl());
        JsonNode message = messages.post(webhook.channelId(), MessageWrite.byWebhook(
                Snowflake.format(webhook.webhookId()), username, avatarUrl, request.content(), request.embeds(), null));
        return new Executed(message, decision);
    }

    private Webhook authenticate(String rawWebhookId, String token) {
        long webhookId;
        try {
            webhookId = Snowflake.parse(rawWebhookId);
        } catch (RuntimeException e) {
            webhookId = 0;
        }
        var found = webhooks.find(webhookId);
        if (!WebhookTokens.matches(token, found.map(Webhook::tokenHash).orElse(null))) {
            throw new GuildhallException(ErrorCode.INVALID_TOKEN, "Unknown webhook or wrong token");
        }
        return found.get();
    }

    /** The caller manages webhooks in this channel; someone who cannot see it learns nothing (404). */
    private ServerPermissions.Access manageable(long callerId, long channelId, ErrorCode unknown) {
        ServerPermissions.Access access = permissions.inChannel(callerId, channelId)
                .filter(ServerPermissions.Access::sees)
                .orElseThrow(() -> GuildhallException.notFound(unknown));
        requireManage(access);
        return access;
    }

    private Webhook managed(long callerId, long webhookId) {
        Webhook webhook = webhooks.find(webhookId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_WEBHOOK));
        manageable(callerId, webhook.channelId(), ErrorCode.UNKNOWN_WEBHOOK);
        return webhook;
    }

    private static void requireManage(ServerPermissions.Access access) {
        if (!access.has(Permission.MANAGE_WEBHOOKS)) {
            throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Managing webhooks needs MANAGE_WEBHOOKS");
        }
    }

    private static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw invalid("name", "1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String url(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (raw.length() > MAX_URL || !(lower.startsWith("https://") || lower.startsWith("http://"))) {
            throw invalid(field, "an http(s) url of at most " + MAX_URL + " characters");
        }
        return raw;
    }

    private static GuildhallException invalid(String field, String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid " + field + ": " + message,
                Map.of("errors", Map.of(field, message)));
    }
}
