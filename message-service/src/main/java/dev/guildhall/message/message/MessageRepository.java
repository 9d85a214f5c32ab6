package dev.guildhall.message.message;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code messages} and {@code message_mentions} in one shard. Every query names its channel, so
 * it runs on the {@code (channel_id, message_id)} primary key.
 */
@Repository
public class MessageRepository {

    /** The columns {@link #map} reads, for queries other features run on {@code messages} (search). */
    public static final String COLUMNS = """
            channel_id, message_id, server_id, author_id, content, reply_to_id, mention_user_ids,
            mention_role_ids, mention_everyone, pinned, nonce, created_at, edited_at, embeds, components,
            webhook_id, author_name, author_avatar_url, interaction_id, interaction_name, interaction_user_id""";

    /** The unique key on {@code (channel_id, author_id, nonce)} (V40). */
    static final String NONCE_KEY = "uq_messages_nonce";

    public void insert(Shard shard, MessageRow row) {
        shard.jdbc().sql("INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.channelId(), row.messageId(), row.serverId(), row.authorId(), row.content(),
                        row.replyToId(), join(row.mentionUsers()), join(row.mentionRoles()), row.mentionEveryone(),
                        row.pinned(), row.nonce(), DbTimes.toDb(row.createdAt()), DbTimes.toDb(row.editedAt()),
                        row.embeds(), row.components(), row.origin().webhookId(), row.origin().authorName(),
                        row.origin().authorAvatarUrl(), row.origin().interactionId(), row.origin().interactionName(),
                        row.origin().interactionUserId())
                .update();
    }

    /** The message an author sent with this nonce in the channel (unique: {@code uq_messages_nonce}, ADR 246). */
    public Optional<MessageRow> findByNonce(Shard shard, long channelId, long authorId, String nonce) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND author_id = ? AND nonce = ?")
                .params(channelId, authorId, nonce)
                .query(MessageRepository::map)
                .optional();
    }

    /** Whether an insert failed on the unique nonce key, i.e. it repeats a stored send. */
    public static boolean isNonceConflict(DuplicateKeyException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(NONCE_KEY)) {
                return true;
            }
        }
        return false;
    }

    public Optional<MessageRow> find(Shard shard, long channelId, long messageId) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId)
                .query(MessageRepository::map)
                .optional();
    }

    /** Locks the message row for the rest of the transaction (reaction and pin limits). */
    public boolean lock(Shard shard, long channelId, long messageId) {
        return !shard.jdbc().sql("SELECT message_id FROM messages WHERE channel_id = ? AND message_id = ? FOR UPDATE")
                .params(channelId, messageId)
                .query(Long.class)
                .list()
                .isEmpty();
    }

    /** The given messages of one channel, in no particular order; missing ids are skipped. */
    public List<MessageRow> findAll(Shard shard, long channelId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM messages WHERE channel_id = :channel AND message_id IN (:ids)")
                .param("channel", channelId)
                .param("ids", ids)
                .query(MessageRepository::map)
                .list();
    }

    /** One page of history, newest first (see {@link HistoryQuery}). */
    public List<MessageRow> history(Shard shard, long channelId, HistoryQuery page) {
        return switch (page.direction()) {
            case LATEST -> older(shard, channelId, Long.MAX_VALUE, false, page.limit());
            case BEFORE -> older(shard, channelId, page.anchor(), false, page.limit());
            case AFTER -> reversed(newer(shard, channelId, page.anchor(), page.limit()));
            case AROUND -> {
                List<MessageRow> result = new ArrayList<>(page.limit());
                result.addAll(reversed(newer(shard, channelId, page.anchor(), page.newerCount())));
                result.addAll(older(shard, channelId, page.anchor(), true, page.olderCount()));
                yield result;
            }
        };
    }

    private List<MessageRow> older(Shard shard, long channelId, long anchor, boolean inclusive, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM messages WHERE channel_id = ? AND message_id "
                        + (inclusive ? "<=" : "<") + " ? ORDER BY message_id DESC LIMIT ?")
                .params(channelId, anchor, limit)
                .query(MessageRepository::map)
                .list();
    }

    private List<MessageRow> newer(Shard shard, long channelId, long anchor, int limit) {
        if (limit == 0) {
            return List.of();
        }
        return shard.jdbc().sql("SELECT " + COLUMNS
                        + " FROM messages WHERE channel_id = ? AND message_id > ? ORDER BY message_id ASC LIMIT ?")
                .params(channelId, anchor, limit)
                .query(MessageRepository::map)
                .list();
    }

    public void updateContent(Shard shard, MessageRow row) {
        shard.jdbc().sql("""
                        UPDATE messages SET content = ?, mention_user_ids = ?, mention_role_ids = ?,
                            mention_everyone = ?, edited_at = ?, embeds = ?, components = ?
                        WHERE channel_id = ? AND message_id = ?""")
                .params(row.content(), join(row.mentionUsers()), join(row.mentionRoles()), row.mentionEveryone(),
                        DbTimes.toDb(row.editedAt()), row.embeds(), row.components(), row.channelId(), row.messageId())
                .update();
    }

    public boolean setPinned(Shard shard, long channelId, long messageId, boolean pinned) {
        return shard.jdbc().sql("UPDATE messages SET pinned = ? WHERE channel_id = ? AND message_id = ?")
                .params(pinned, channelId, messageId)
                .update() == 1;
    }

    /** Deletes the message and what hangs off it (mentions, reactions, pin); lock the message row first. */
    public boolean delete(Shard shard, long channelId, long messageId) {
        shard.jdbc().sql("DELETE FROM message_mentions WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId).update();
        shard.jdbc().sql("DELETE FROM reactions WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId).update();
        shard.jdbc().sql("DELETE FROM pins WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId).update();
        return shard.jdbc().sql("DELETE FROM messages WHERE channel_id = ? AND message_id = ?")
                .params(channelId, messageId).update() == 1;
    }

    /**
     * Records who the message notifies, for mention counts: each mentioned user but the author,
     * and user 0 for an effective {@code @everyone}.
     */
    public void replaceMentions(Shard shard, MessageRow row) {
        shard.jdbc().sql("DELETE FROM message_mentions WHERE channel_id = ? AND message_id = ?")
                .params(row.channelId(), row.messageId()).update();
        List<Long> notified = new ArrayList<>();
        row.mentionUsers().stream().filter(u -> u != row.authorId()).forEach(notified::add);
        if (row.mentionEveryone()) {
            notified.add(0L);
        }
        if (notified.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT IGNORE INTO message_mentions (channel_id, user_id, message_id) VALUES ");
        List<Object> params = new ArrayList<>(notified.size() * 3);
        for (int i = 0; i < notified.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
            params.add(row.channelId());
            params.add(notified.get(i));
            params.add(row.messageId());
        }
        shard.jdbc().sql(sql.toString()).params(params).update();
    }

    public static MessageRow map(ResultSet rs, int n) throws SQLException {
        return new MessageRow(rs.getLong("channel_id"), rs.getLong("message_id"), DbTimes.nullableLong(rs, "server_id"),
                rs.getLong("author_id"), rs.getString("content"), DbTimes.nullableLong(rs, "reply_to_id"),
                split(rs.getString("mention_user_ids")), split(rs.getString("mention_role_ids")),
                rs.getBoolean("mention_everyone"), rs.getBoolean("pinned"), rs.getString("nonce"),
                DbTimes.fromDb(rs, "created_at"), DbTimes.fromDb(rs, "edited_at"), rs.getString("embeds"),
                rs.getString("components"), origin(rs));
    }

    private static Origin origin(ResultSet rs) throws SQLException {
        Long webhookId = DbTimes.nullableLong(rs, "webhook_id");
        Long interactionId = DbTimes.nullableLong(rs, "interaction_id");
        if (webhookId == null && interactionId == null) {
            return Origin.NONE;
        }
        return new Origin(webhookId, rs.getString("author_name"), rs.getString("author_avatar_url"), interactionId,
                rs.getString("interaction_name"), DbTimes.nullableLong(rs, "interaction_user_id"));
    }

    static String join(List<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Long> split(String ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(ids.split(",")).map(Long::parseLong).toList();
    }

    private static List<MessageRow> reversed(List<MessageRow> rows) {
        List<MessageRow> copy = new ArrayList<>(rows);
        Collections.reverse(copy);
        return copy;
    }
}
