package dev.guildhall.message.message;

/**
 * Who, besides the author id, made a message: a webhook (which then is the author, with the name and
 * avatar it gave for this message) and/or the slash command it answers. {@link #NONE} for a message a
 * user sent.
 *
 * @param webhookId          the webhook that wrote it; {@code author_id} is then this id
 * @param authorName         the author name shown (webhooks only)
 * @param authorAvatarUrl    the author avatar shown (webhooks only)
 * @param interactionId      the interaction (slash command) this message answers
 * @param interactionName    the command's name
 * @param interactionUserId  who invoked it
 */
public record Origin(Long webhookId, String authorName, String authorAvatarUrl, Long interactionId,
                     String interactionName, Long interactionUserId) {

    public static final Origin NONE = new Origin(null, null, null, null, null, null);

    public static Origin webhook(long webhookId, String name, String avatarUrl) {
        return new Origin(webhookId, name, avatarUrl, null, null, null);
    }

    public Origin withInteraction(long id, String name, long userId) {
        return new Origin(webhookId, authorName, authorAvatarUrl, id, name, userId);
    }

    public boolean isWebhook() {
        return webhookId != null;
    }
}
