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

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Direct-message channels (ADR 064). Opening is idempotent: the global pair index
 * ({@code dm_channels}, primary key on the ordered pair) decides which channel a pair has, so
 * two concurrent opens end on the same channel. The pair is claimed first, then the channel row,
 * both read states and CHANNEL_CREATE are committed in the channel's shard; an open that finds the
 * pair without its shard row (a crash in between) completes it.
 */
@Service
public class DmService {

    private final DmChannelRepository channels;
    private final DmDirectory directory;
    private final ShardDatabases shards;
    private final ReadStateRepository readStates;
    private final MessageOutbox outbox;
    private final UserDirectory users;
    private final SnowflakeGenerator ids;

    public DmService(DmChannelRepository channels, DmDirectory directory, ShardDatabases shards,
                     ReadStateRepository readStates, MessageOutbox outbox, UserDirectory users,
                     SnowflakeGenerator ids) {
        this.channels = channels;
        this.directory = directory;
        this.shards = shards;
        this.readStates = readStates;
        this.outbox = outbox;
        this.users = users;
        this.ids = ids;
    }

    /** Opens, or returns, the DM channel between the caller and the recipient. */
    public DmChannelView open(long userId, String recipient) {
        long recipientId = Snowflake.parse(recipient);
        if (recipientId == userId) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Cannot open a DM with yourself",
                    Map.of("errors", Map.of("recipient_id", "must be another user")));
        }
        users.require(recipientId);
        long low = Math.min(userId, recipientId);
        long high = Math.max(userId, recipientId);
        DmChannel channel = channels.findPair(low, high).orElseGet(() -> claim(low, high));
        materialize(channel);
        return view(channel, userId);
    }

    /** The caller's DM channels, newest first. */
    public List<DmChannelView> list(long userId) {
        List<DmChannel> list = channels.listFor(userId);
        Set<Long> others = new LinkedHashSet<>();
        list.forEach(c -> others.add(c.otherThan(userId)));
        Map<Long, UserView> views = users.views(others);
        return list.stream()
                .map(c -> new DmChannelView(Snowflake.format(c.channelId()), null, DmChannelView.TYPE,
                        List.of(views.get(c.otherThan(userId))), c.createdAt()))
                .toList();
    }

    private DmChannel claim(long low, long high) {
        long channelId = ids.next();
        DmChannel candidate = new DmChannel(channelId, low, high, Snowflake.timestamp(channelId));
        if (channels.claimPair(candidate)) {
            return candidate;
        }
        // a concurrent open won the race: its channel is the pair's
        return channels.findPair(low, high)
                .orElseThrow(() -> new GuildhallException(ErrorCode.CONFLICT, "Could not open the DM channel, retry"));
    }

    /** Makes sure the channel's shard row exists; the first to write it also starts read states and publishes. */
    private void materialize(DmChannel channel) {
        if (directory.find(channel.channelId()).isPresent()) {
            return;
        }
        long channelId = channel.channelId();
        Shard shard = shards.forKey(channelId);
        DmChannelView event = new DmChannelView(Snowflake.format(channelId), null, DmChannelView.TYPE,
                List.of(users.view(channel.userLow()), users.view(channel.userHigh())), channel.createdAt());
        shard.inTransaction(() -> {
            if (!channels.insertIfAbsent(shard, channel)) {
                return;
            }
            // both participants start with nothing unread: every message id is above the channel id
            readStates.advance(shard, channel.userLow(), channelId, null, channelId, channel.createdAt());
            readStates.advance(shard, channel.userHigh(), channelId, null, channelId, channel.createdAt());
            outbox.append(shard, EventTypes.CHANNEL_CREATE, channelId, null, channel.participants(), channel.userLow(),
                    event);
        });
        directory.remember(channel);
    }

    private DmChannelView view(DmChannel channel, long viewerId) {
        return new DmChannelView(Snowflake.format(channel.channelId()), null, DmChannelView.TYPE,
                List.of(users.view(channel.otherThan(viewerId))), channel.createdAt());
    }
}
