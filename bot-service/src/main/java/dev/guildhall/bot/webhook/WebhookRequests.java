package dev.guildhall.bot.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the webhook endpoints (names and urls are checked in {@link WebhookService}). */
public final class WebhookRequests {

    private WebhookRequests() {
    }

    public record Create(@NotNull String name, String avatarUrl) {
    }

    /** Parts left out stay; {@code channel_id} moves the webhook to another channel of the same server. */
    public record Update(String name, String avatarUrl, String channelId) {
    }

    /**
     * Discord's execute body; other fields Discord knows ({@code tts}, {@code allowed_mentions}, ...) are
     * accepted and ignored. Content and embeds are message-service's to validate.
     *
     * @param username  the author name shown on this message instead of the webhook's
     * @param avatarUrl the author avatar shown on this message instead of the webhook's
     */
    public record Execute(String content, @Size(max = 80) String username, String avatarUrl, List<Object> embeds) {
    }
}
