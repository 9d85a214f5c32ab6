package dev.guildhall.message.dm;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.outbox.MessageOutbox;
import dev.guildhall.message.readstate.ReadStateRepository;
import dev.guildhall.message.user.UserDirectory;
import dev.guildhall.message.user.UserView;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Group DMs (ADR 199): made by one user with 2–9 others, who becomes the owner; the owner adds and
 * removes recipients, anyone removes themselves (leaves), and an owner who leaves hands the channel to
 * the longest-standing recipient. Every change is one transaction in the channel's shard with its event,
 * whose {@code recipient_ids} are the people who must hear of it (a removed recipient hears of their removal,
 * then nothing more); the global per-user index follows after the commit. Renaming and the icon are {@link GroupDmChanges}.
 */
@Service
public class GroupDmService {

    private final GroupDmRepository groups;
    private final ShardDatabases shards;
    private final ReadStateRepository readStates;
    private final MessageOutbox outbox;
    private final UserDirectory users;
    private final SnowflakeGenerator ids;
    private final Clock clock;

    public GroupDmService(GroupDmRepository groups, ShardDatabases shards, ReadStateRepository readStates,
                          MessageOutbox outbox, UserDirectory users, SnowflakeGenerator ids, Clock clock) {
        this.groups = groups;
        this.shards = shards;
        this.readStates = readStates;
        this.outbox = outbox;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    /** The group DM, if {@code channelId} is one (any recipient or none: the caller decides). */
    public Optional<GroupDm> find(long channelId) {
        return groups.find(shards.forKey(channelId), channelId);
    }

    public GroupDmView create(long callerId, List<String> recipientIds) {
        Set<Long> others = new LinkedHashSet<>();
        for (String raw : recipientIds) {
            long id = Snowflake.parse(raw);
            if (id != callerId) {
                others.add(id);
            }
        }
        if (others.size() < 2 || others.size() > GroupDm.MAX_MEMBERS - 1) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A group DM needs 2 to 9 other users",
                    Map.of("errors", Map.of("recipient_ids", "2 to 9 distinct users other than yourself")));
        }
        others.forEach(users::require);
        List<Long> everyone = new ArrayList<>();
        everyone.add(callerId);
        everyone.addAll(others);
        long channelId = ids.next();
        Instant now = Snowflake.timestamp(channelId);
        GroupDm channel = new GroupDm(channelId, callerId, null, null, everyone, now);
        Shard shard = shards.forKey(channelId);
        shard.inTransaction(() -> {
            groups.insert(shard, channel);
            for (long user : everyone) {
                // nothing unread at the start: every message id is above the channel id
                readStates.advance(shard, user, channelId, null, channelId, now);
            }
            outbox.append(shard, EventTypes.CHANNEL_CREATE, channelId, null, everyone, callerId, view(channel, null));
        });
        everyone.forEach(user -> groups.index(user, channelId));
        return view(channel, callerId);
    }

    /** The owner adds a user; adding someone already in is a no-op. */
    public void add(long callerId, long channelId, long userId) {
        users.require(userId);
        Shard shard = shards.forKey(channelId);
        boolean added = shard.inTransaction(() -> {
            GroupDm channel = locked(shard, channelId, callerId);
            if (channel.ownerId() != callerId) {
                throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Only the owner adds recipients");
            }
            if (channel.hasRecipient(userId)) {
                return false;
            }
            if (channel.recipients().size() >= GroupDm.MAX_MEMBERS) {
                throw new GuildhallException(ErrorCode.LIMIT_REACHED, "A group DM holds at most "
                        + GroupDm.MAX_MEMBERS + " people");
            }
            Instant now = clock.instant();
            groups.addRecipient(shard, channelId, userId, now);
            readStates.advance(shard, userId, channelId, null, channelId, now);
            List<Long> audience = new ArrayList<>(channel.recipients());
            audience.add(userId);
            outbox.append(shard, EventTypes.CHANNEL_RECIPIENT_ADD, channelId, null, audience, callerId,
                    recipientEvent(channelId, userId));
            return true;
        });
        if (added) {
            groups.index(userId, channelId);
        }
    }

    /** The owner removes a recipient, or anyone removes themselves (leaves). */
    public void remove(long callerId, long channelId, long userId) {
        Shard shard = shards.forKey(channelId);
        boolean removed = shard.inTransaction(() -> {
            GroupDm channel = locked(shard, channelId, callerId);
            if (userId != callerId && channel.ownerId() != callerId) {
                throw new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Only the owner removes others");
            }
            if (!channel.hasRecipient(userId)) {
                return false;
            }
            groups.removeRecipient(shard, channelId, userId);
            outbox.append(shard, EventTypes.CHANNEL_RECIPIENT_REMOVE, channelId, null, channel.recipients(), callerId,
                    recipientEvent(channelId, userId));
            List<Long> rest = channel.recipients().stream().filter(u -> u != userId).toList();
            if (userId == channel.ownerId() && !rest.isEmpty()) {
                GroupDm handedOn = new GroupDm(channelId, rest.get(0), channel.name(), channel.iconUrl(), rest,
                        channel.createdAt());
                groups.setOwner(shard, channelId, handedOn.ownerId());
                outbox.append(shard, EventTypes.CHANNEL_UPDATE, channelId, null, rest, callerId, view(handedOn, null));
            }
            return true;
        });
        if (removed) {
            groups.unindex(userId, channelId);
        }
    }

    /** The caller's group DMs, newest first. */
    public List<GroupDmView> list(long userId) {
        List<GroupDmView> views = new ArrayList<>();
        for (long channelId : groups.channelsOf(userId)) {
            find(channelId).filter(g -> g.hasRecipient(userId)).ifPresent(g -> views.add(view(g, userId)));
        }
        return views;
    }

    /** The channel, locked; a channel the caller is not in does not exist for them. */
    GroupDm locked(Shard shard, long channelId, long callerId) {
        return groups.lock(shard, channelId).filter(g -> g.hasRecipient(callerId))
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
    }

    /** The v1 object; {@code viewerId} is left out of {@code recipients} (null: everyone, as events carry). */
    GroupDmView view(GroupDm channel, Long viewerId) {
        List<Long> shown = channel.recipients().stream().filter(u -> viewerId == null || u != viewerId.longValue())
                .toList();
        Map<Long, UserView> views = users.views(shown);
        return new GroupDmView(Snowflake.format(channel.channelId()), null, GroupDmView.TYPE,
                shown.stream().map(views::get).filter(java.util.Objects::nonNull).toList(), channel.name(), channel.iconUrl(),
                Snowflake.format(channel.ownerId()), channel.createdAt());
    }

    private Map<String, Object> recipientEvent(long channelId, long userId) {
        return Map.of("channel_id", Snowflake.format(channelId), "user", users.view(userId));
    }
}
