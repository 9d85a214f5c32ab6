package dev.guildhall.message.pin;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.channel.AccessPolicy;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.message.MessageAssembler;
import dev.guildhall.message.message.MessageRepository;
import dev.guildhall.message.message.MessageRow;
import dev.guildhall.message.message.MessageView;
import dev.guildhall.message.outbox.MessageOutbox;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pinned messages: at most {@code max-pins-per-channel} per channel; pinning twice changes nothing. */
@Service
public class PinService {

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final MessageRepository messages;
    private final PinRepository pins;
    private final MessageAssembler assembler;
    private final MessageOutbox outbox;
    private final Clock clock;
    private final MessageProperties.Limits limits;

    public PinService(ChannelAccessService access, ShardDatabases shards, MessageRepository messages,
                      PinRepository pins, MessageAssembler assembler, MessageOutbox outbox, Clock clock,
                      MessageProperties properties) {
        this.access = access;
        this.shards = shards;
        this.messages = messages;
        this.pins = pins;
        this.assembler = assembler;
        this.outbox = outbox;
        this.clock = clock;
        this.limits = properties.limits();
    }

    /** The channel's pinned messages, most recently pinned first. */
    public List<MessageView> list(long userId, long channelId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireRead(channel);
        Shard shard = shards.forKey(channel.shardKey());
        List<Long> ids = pins.messageIds(shard, channelId);
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            order.put(ids.get(i), i);
        }
        List<MessageRow> rows = messages.findAll(shard, channelId, ids).stream()
                .sorted(Comparator.comparing(r -> order.get(r.messageId())))
                .toList();
        return assembler.views(shard, channelId, rows, userId);
    }

    public void pin(long userId, long channelId, long messageId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireManagePins(channel);
        Shard shard = shards.forKey(channel.shardKey());
        Instant now = Instant.ofEpochMilli(clock.millis());
        shard.inTransaction(() -> {
            if (!messages.lock(shard, channelId, messageId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
            }
            int count = pins.countForUpdate(shard, channelId);
            if (messages.find(shard, channelId, messageId).map(MessageRow::pinned).orElse(false)) {
                return;
            }
            if (count >= limits.maxPinsPerChannel()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "A channel has at most " + limits.maxPinsPerChannel() + " pinned messages",
                        Map.of("limit", limits.maxPinsPerChannel()));
            }
            pins.add(shard, channelId, messageId, userId, now);
            messages.setPinned(shard, channelId, messageId, true);
            outbox.append(shard, EventTypes.CHANNEL_PINS_UPDATE, channelId, channel.serverId(), channel.recipients(), userId,
                    update(channel, messageId, true, pins.lastPinnedAt(shard, channelId).orElse(null)));
        });
    }

    public void unpin(long userId, long channelId, long messageId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireManagePins(channel);
        Shard shard = shards.forKey(channel.shardKey());
        shard.inTransaction(() -> {
            if (!messages.lock(shard, channelId, messageId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
            }
            if (!pins.remove(shard, channelId, messageId)) {
                return;
            }
            messages.setPinned(shard, channelId, messageId, false);
            outbox.append(shard, EventTypes.CHANNEL_PINS_UPDATE, channelId, channel.serverId(), channel.recipients(), userId,
                    update(channel, messageId, false, pins.lastPinnedAt(shard, channelId).orElse(null)));
        });
    }

    private static PinsUpdate update(ChannelAccess channel, long messageId, boolean pinned, Instant last) {
        return new PinsUpdate(Snowflake.format(channel.channelId()),
                channel.serverId() == null ? null : Snowflake.format(channel.serverId()),
                Snowflake.format(messageId), pinned, last);
    }
}
