package dev.guildhall.message.dm;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Group DMs: the channel and its recipients in the channel's shard, each member's index in the global database. */
@Repository
public class GroupDmRepository {

    private final GlobalDatabase global;

    public GroupDmRepository(GlobalDatabase global) {
        this.global = global;
    }

    public Optional<GroupDm> find(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT owner_id, name, icon_url, created_at FROM message_group_dms WHERE channel_id = ?")
                .param(channelId)
                .query((rs, n) -> new GroupDm(channelId, rs.getLong("owner_id"), rs.getString("name"),
                        rs.getString("icon_url"), recipients(shard, channelId), DbTimes.fromDb(rs, "created_at")))
                .optional();
    }

    /** The channel row locked for a change of its recipients, owner or name. */
    public Optional<GroupDm> lock(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT owner_id, name, icon_url, created_at FROM message_group_dms "
                        + "WHERE channel_id = ? FOR UPDATE")
                .param(channelId)
                .query((rs, n) -> new GroupDm(channelId, rs.getLong("owner_id"), rs.getString("name"),
                        rs.getString("icon_url"), List.of(), DbTimes.fromDb(rs, "created_at")))
                .optional()
                .map(g -> new GroupDm(channelId, g.ownerId(), g.name(), g.iconUrl(), recipients(shard, channelId),
                        g.createdAt()));
    }

    public void insert(Shard shard, GroupDm channel) {
        shard.jdbc().sql("INSERT INTO message_group_dms (channel_id, owner_id, name, created_at) VALUES (?, ?, ?, ?)")
                .params(channel.channelId(), channel.ownerId(), channel.name(), DbTimes.toDb(channel.createdAt()))
                .update();
        for (long user : channel.recipients()) {
            addRecipient(shard, channel.channelId(), user, channel.createdAt());
        }
    }

    public boolean addRecipient(Shard shard, long channelId, long userId, Instant at) {
        return shard.jdbc().sql("INSERT IGNORE INTO message_group_dm_recipients (channel_id, user_id, added_at) "
                        + "VALUES (?, ?, ?)")
                .params(channelId, userId, DbTimes.toDb(at))
                .update() == 1;
    }

    public boolean removeRecipient(Shard shard, long channelId, long userId) {
        return shard.jdbc().sql("DELETE FROM message_group_dm_recipients WHERE channel_id = ? AND user_id = ?")
                .params(channelId, userId)
                .update() == 1;
    }

    public void setOwner(Shard shard, long channelId, long ownerId) {
        shard.jdbc().sql("UPDATE message_group_dms SET owner_id = ? WHERE channel_id = ?")
                .params(ownerId, channelId).update();
    }

    /** Sets the name and the icon (either may be null: the recipients' names, no icon). */
    public void describe(Shard shard, long channelId, String name, String iconUrl) {
        shard.jdbc().sql("UPDATE message_group_dms SET name = ?, icon_url = ? WHERE channel_id = ?")
                .params(name, iconUrl, channelId).update();
    }

    // --- the global index of each user's group DMs ---

    public void index(long userId, long channelId) {
        global.jdbc().sql("INSERT IGNORE INTO group_dm_members (user_id, channel_id) VALUES (?, ?)")
                .params(userId, channelId).update();
    }

    public void unindex(long userId, long channelId) {
        global.jdbc().sql("DELETE FROM group_dm_members WHERE user_id = ? AND channel_id = ?")
                .params(userId, channelId).update();
    }

    /** The user's group DM channel ids, newest first. */
    public List<Long> channelsOf(long userId) {
        return global.jdbc().sql("SELECT channel_id FROM group_dm_members WHERE user_id = ? ORDER BY channel_id DESC")
                .param(userId).query(Long.class).list();
    }

    private static List<Long> recipients(Shard shard, long channelId) {
        return shard.jdbc().sql("SELECT user_id FROM message_group_dm_recipients WHERE channel_id = ? "
                        + "ORDER BY added_at, user_id")
                .param(channelId).query(Long.class).list();
    }
}
