package dev.guildhall.message.message;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.Shard;
import dev.guildhall.message.attachment.AttachmentService;
import dev.guildhall.message.attachment.AttachmentView;
import dev.guildhall.message.reaction.ReactionRepository;
import dev.guildhall.message.reaction.ReactionView;
import dev.guildhall.message.user.UserDirectory;
import dev.guildhall.message.user.UserView;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows into message objects with a fixed number of lookups per page, whatever its size:
 * one for authors (auth-service, cached), one for reaction counts, one for the messages replied to,
 * one for attachments.
 */
@Component
public class MessageAssembler {

    private final UserDirectory users;
    private final ReactionRepository reactions;
    private final MessageRepository messages;
    private final MessageJson json;
    private final AttachmentService attachments;

    public MessageAssembler(UserDirectory users, ReactionRepository reactions, MessageRepository messages,
                            MessageJson json, AttachmentService attachments) {
        this.users = users;
        this.reactions = reactions;
        this.messages = messages;
        this.json = json;
        this.attachments = attachments;
    }

    /** @param viewerId whose {@code me} the reactions show; 0 for nobody (event payloads) */
    public List<MessageView> views(Shard shard, long channelId, List<MessageRow> rows, long viewerId) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        Set<Long> replyIds = new LinkedHashSet<>();
        Set<Long> authors = new LinkedHashSet<>();
        for (MessageRow row : rows) {
            ids.add(row.messageId());
            if (!row.origin().isWebhook()) {
                authors.add(row.authorId());
            }
            if (row.replyToId() != null) {
                replyIds.add(row.replyToId());
            }
        }
        Map<Long, ReplyView> replies = replies(shard, channelId, replyIds);
        Map<Long, UserView> authorViews = users.views(authors);
        Map<Long, List<ReactionView>> counts = reactions.summaries(shard, channelId, ids, viewerId);
        Map<Long, List<AttachmentView>> files = attachments.views(shard, channelId, ids);
        List<MessageView> views = new ArrayList<>(rows.size());
        for (MessageRow row : rows) {
            views.add(view(row, author(row, authorViews),
                    row.replyToId() == null ? null : replies.get(row.replyToId()),
                    counts.getOrDefault(row.messageId(), List.of()), files.getOrDefault(row.messageId(), List.of())));
        }
        return views;
    }

    public MessageView view(Shard shard, MessageRow row, long viewerId) {
        return views(shard, row.channelId(), List.of(row), viewerId).get(0);
    }

    /**
     * One message with its author already known: database reads only, so it can run inside a
     * transaction without calling another service while holding locks.
     */
    public MessageView view(Shard shard, MessageRow row, UserView author, long viewerId) {
        Map<Long, ReplyView> replies = row.replyToId() == null ? Map.of()
                : replies(shard, row.channelId(), Set.of(row.replyToId()));
        List<ReactionView> counts = reactions.summaries(shard, row.channelId(), List.of(row.messageId()), viewerId)
                .getOrDefault(row.messageId(), List.of());
        List<AttachmentView> files = attachments.views(shard, row.channelId(), Set.of(row.messageId()))
                .getOrDefault(row.messageId(), List.of());
        return view(row, author, row.replyToId() == null ? null : replies.get(row.replyToId()), counts, files);
    }

    /** A webhook's message shows the webhook under the name it gave; anyone else's, the author's profile. */
    private static UserView author(MessageRow row, Map<Long, UserView> profiles) {
        if (row.origin().isWebhook()) {
            return UserView.webhook(row.authorId(), row.origin().authorName(), row.origin().authorAvatarUrl());
        }
        return profiles.get(row.authorId());
    }

    /** Summaries of the messages replied to; a deleted one keeps only its id. */
    public Map<Long, ReplyView> replies(Shard shard, long channelId, Set<Long> replyIds) {
        Map<Long, ReplyView> replies = new HashMap<>();
        for (MessageRow target : messages.findAll(shard, channelId, replyIds)) {
            replies.put(target.messageId(), summary(target));
        }
        for (Long id : replyIds) {
            replies.putIfAbsent(id, new ReplyView(Snowflake.format(id), null, null, true));
        }
        return replies;
    }

    static ReplyView summary(MessageRow target) {
        String content = target.content();
        if (content.codePointCount(0, content.length()) > ReplyView.EXCERPT_LENGTH) {
            content = content.substring(0, content.offsetByCodePoints(0, ReplyView.EXCERPT_LENGTH));
        }
        return new ReplyView(Snowflake.format(target.messageId()), Snowflake.format(target.authorId()), content, false);
    }

    MessageView view(MessageRow row, UserView author, ReplyView reply, List<ReactionView> reactions,
                     List<AttachmentView> attachments) {
        if (row.origin().isWebhook()) {
            author = author(row, Map.of());
        }
        Origin origin = row.origin();
        MessageView.Interaction interaction = origin.interactionId() == null ? null
                : new MessageView.Interaction(Snowflake.format(origin.interactionId()), origin.interactionName(),
                origin.interactionUserId() == null ? null : Snowflake.format(origin.interactionUserId()));
        return new MessageView(Snowflake.format(row.messageId()), Snowflake.format(row.channelId()),
                row.serverId() == null ? null : Snowflake.format(row.serverId()), Snowflake.format(row.authorId()),
                author, row.content(), row.createdAt(), row.editedAt(), reply, attachments, reactions,
                row.mentionUsers().stream().map(Snowflake::format).toList(),
                row.mentionRoles().stream().map(Snowflake::format).toList(),
                row.mentionEveryone(), row.pinned(), row.nonce(), json.embeds(row.embeds()),
                json.components(row.components()),
                origin.webhookId() == null ? null : Snowflake.format(origin.webhookId()), interaction);
    }
}
