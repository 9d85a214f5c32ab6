package dev.guildhall.message.purge;

import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * Deletes a channel's or server's rows in batches, table by table. Each call deletes at most
 * {@code limit} rows, so a transaction stays short and a crash loses at most one batch of work.
 */
@Repository
class ContentRepository {

    /**
     * The tables of a channel's content besides attachments, in the order they are emptied: the
     * messages last, so a server's channels can be found through them until the rest is gone.
     */
    enum ChannelTable {
        MENTIONS("message_mentions"),
        REACTIONS("reactions"),
        PINS("pins"),
        READ_STATES("read_states"),
        MESSAGES("messages");

        private final String table;

        ChannelTable(String table) {
            this.table = table;
        }
    }

    int deleteChannelRows(Shard shard, ChannelTable table, long channelId, int limit) {
        return shard.jdbc().sql("DELETE FROM " + table.table + " WHERE channel_id = ? LIMIT ?")
                .params(channelId, limit)
                .update();
    }

    /** A channel of the server that still has messages in this shard. */
    Optional<Long> channelWithMessages(Shard shard, long serverId) {
        return shard.jdbc().sql("SELECT channel_id FROM messages WHERE server_id = ? LIMIT 1")
                .param(serverId)
                .query(Long.class).optional();
    }

    /** Read states of the server's channels that had no messages left. */
    int deleteServerReadStates(Shard shard, long serverId, int limit) {
        return shard.jdbc().sql("DELETE FROM read_states WHERE server_id = ? LIMIT ?")
                .params(serverId, limit)
                .update();
    }

    /** Whether the message still has attachment rows (then its files need a job). */
    boolean hasAttachments(Shard shard, long channelId, long messageId) {
        return shard.jdbc().sql("SELECT 1 FROM message_attachments WHERE channel_id = ? AND message_id = ? LIMIT 1")
                .params(channelId, messageId)
                .query(Integer.class).optional().isPresent();
    }
}
