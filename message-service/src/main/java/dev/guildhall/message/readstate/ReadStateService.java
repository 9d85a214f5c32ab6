package dev.guildhall.message.readstate;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.message.message.MessageRepository;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Read markers. Read states live next to the channel's messages (its shard), so counting unread
 * messages is a primary-key range count; listing a user's read states therefore asks every
 * physical shard once, by an index on the user (ADR 065).
 */
@Service
public class ReadStateService {

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final MessageRepository messages;
    private final ReadStateRepository readStates;
    private final Clock clock;

    public ReadStateService(ChannelAccessService access, ShardDatabases shards, MessageRepository messages,
                            ReadStateRepository readStates, Clock clock) {
        this.access = access;
        this.shards = shards;
        this.messages = messages;
        this.readStates = readStates;
        this.clock = clock;
    }

    public void ack(long userId, long channelId, long messageId) {
        ChannelAccess channel = access.visible(userId, channelId);
        Shard shard = shards.forKey(channel.shardKey());
        if (messages.find(shard, channelId, messageId).isEmpty()) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
        }
        readStates.advance(shard, userId, channelId, channel.serverId(), messageId, clock.instant());
    }

    public List<ReadStateView> forUser(long userId) {
        List<ReadStateView> all = new ArrayList<>();
        for (Shard shard : shards.all()) {
            all.addAll(readStates.forUser(shard, userId));
        }
        return all;
    }
}
