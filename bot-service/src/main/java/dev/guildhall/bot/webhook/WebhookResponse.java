package dev.guildhall.bot.webhook;

import dev.guildhall.common.id.Snowflake;

/**
 * The webhook object. {@code token} and {@code url} (the execute url, which contains the token) are shown
 * once, in the answer to its creation, and are null afterwards: only the token's hash is kept (ADR 156).
 *
 * @param type Discord's webhook type: always 1 (incoming)
 */
public record WebhookResponse(String webhookId, int type, String serverId, String channelId, String name, String avatarUrl,
                       String creatorId, String token, String url) {

    static WebhookResponse of(Webhook w) {
        return of(w, null, null);
    }

    static WebhookResponse of(Webhook w, String token, String url) {
        return new WebhookResponse(Snowflake.format(w.webhookId()), 1, Snowflake.format(w.serverId()),
                Snowflake.format(w.channelId()), w.name(), w.avatarUrl(), Snowflake.format(w.creatorId()), token, url);
    }
}
