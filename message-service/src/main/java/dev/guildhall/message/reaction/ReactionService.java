package dev.guildhall.message.reaction;

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
import dev.guildhall.message.message.MessageRepository;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.message.outbox.MessageOutbox;
import dev.guildhall.message.ratelimit.ReactionToggleLimiter;
import dev.guildhall.message.user.UserDirectory;
import dev.guildhall.message.user.UserView;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Reactions with unicode emoji. Adding locks the message row, so the cap on distinct emoji per
 * message holds under concurrent adds. People's adds and removes are limited per user (ADR 209). Adding twice or removing what is not there changes nothing
 * and publishes nothing.
 */
@Service
public class ReactionService {

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final MessageOutbox outbox;
    private final UserDirectory users;
    private final Clock clock;
    private final MessageProperties.Limits limits;
    private final MessageMetrics metrics;
    private final ReactionToggleLimiter toggles;

    public ReactionService(ChannelAccessService access, ShardDatabases shards, MessageRepository messages,
                           ReactionRepository reactions, MessageOutbox outbox, UserDirectory users, Clock clock,
                           MessageProperties properties, MessageMetrics metrics, ReactionToggleLimiter toggles) {
        this.access = access;
        this.shards = shards;
        this.messages = messages;
        this.reactions = reactions;
        this.outbox = outbox;
        this.users = users;
        this.clock = clock;
        this.limits = properties.limits();
        this.metrics = metrics;
        this.toggles = toggles;
    }

    public void add(long userId, long channelId, long messageId, String rawEmoji) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireReact(channel);
        Emoji.require(rawEmoji);
        toggles.acquire(userId);
        add(channel, userId, messageId, rawEmoji);
    }

    /**
     * A reaction by a user a trusted writer acts for (the internal write path, ADR 165): only the channel's
     * existence is checked; the emoji, the cap and the event are as for anyone.
     */
    public void addAsWriter(long userId, long channelId, long messageId, String rawEmoji) {
        add(access.existing(userId, channelId), userId, messageId, rawEmoji);
    }

    private void add(ChannelAccess channel, long userId, long messageId, String rawEmoji) {
        long channelId = channel.channelId();
        String emoji = Emoji.require(rawEmoji);
        Shard shard = shards.forKey(channel.shardKey());
        boolean added = shard.inTransaction(() -> {
            if (!messages.lock(shard, channelId, messageId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
            }
            if (reactions.exists(shard, channelId, messageId, emoji, userId)) {
                return false;
            }
            if (!reactions.emojiPresent(shard, channelId, messageId, emoji)
                    && reactions.distinctEmoji(shard, channelId, messageId) >= limits.maxReactionsPerMessage()) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                        "A message has at most " + limits.maxReactionsPerMessage() + " different reactions",
                        Map.of("limit", limits.maxReactionsPerMessage()));
            }
            reactions.add(shard, channelId, messageId, emoji, userId, clock.instant());
            outbox.append(shard, EventTypes.MESSAGE_REACTION_ADD, channelId, channel.serverId(), channel.recipients(), userId,
                    event(userId, channel, messageId, emoji));
            return true;
        });
        if (added) {
            metrics.reactionAdded();
        }
    }

    public void remove(long userId, long channelId, long messageId, String rawEmoji) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireRead(channel);
        String emoji = Emoji.require(rawEmoji);
        toggles.acquire(userId);
        Shard shard = shards.forKey(channel.shardKey());
        boolean removed = shard.inTransaction(() -> {
            if (!messages.lock(shard, channelId, messageId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
            }
            if (!reactions.remove(shard, channelId, messageId, emoji, userId)) {
                return false;
            }
            outbox.append(shard, EventTypes.MESSAGE_REACTION_REMOVE, channelId, channel.serverId(), channel.recipients(), userId,
                    event(userId, channel, messageId, emoji));
            return true;
        });
        if (removed) {
            metrics.reactionRemoved();
        }
    }

    /** Who reacted with the emoji, by ascending user id, after {@code after}. */
    public List<UserView> users(long userId, long channelId, long messageId, String rawEmoji, String after,
                                Integer limit) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireRead(channel);
        String emoji = Emoji.require(rawEmoji);
        int size = limit == null ? limits.reactionUsersDefaultLimit() : limit;
        if (size < 1 || size > limits.reactionUsersMaxLimit()) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid limit",
                    Map.of("errors", Map.of("limit", "must be between 1 and " + limits.reactionUsersMaxLimit())));
        }
        long afterId = after == null || after.isBlank() ? 0 : Snowflake.parse(after);
        Shard shard = shards.forKey(channel.shardKey());
        if (messages.find(shard, channelId, messageId).isEmpty()) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
        }
        List<Long> ids = reactions.users(shard, channelId, messageId, emoji, afterId, size);
        Map<Long, UserView> views = users.views(ids);
        return ids.stream().map(views::get).toList();
    }

    private static ReactionEvents event(long userId, ChannelAccess channel, long messageId, String emoji) {
        return new ReactionEvents(Snowflake.format(userId), Snowflake.format(channel.channelId()),
                Snowflake.format(messageId), channel.serverId() == null ? null : Snowflake.format(channel.serverId()),
                emoji);
    }
}
