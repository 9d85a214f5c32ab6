package dev.guildhall.message.dm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.data.db.ShardDatabases;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers "is this channel a DM, and whose" with as few database reads as possible. A DM channel
 * never changes, so found channels are cached for good (bounded). A channel is remembered as
 * "not a DM" only once server-service has recognised it as one of its channels: a DM channel id
 * is new when it is created, so nobody can have asked about it before.
 */
@Component
public class DmDirectory {

    private final ShardDatabases shards;
    private final DmChannelRepository repository;
    private final Cache<Long, DmChannel> dms = Caffeine.newBuilder().maximumSize(200_000).build();
    private final Cache<Long, Boolean> serverChannels = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterAccess(Duration.ofHours(1)).build();

    public DmDirectory(ShardDatabases shards, DmChannelRepository repository) {
        this.shards = shards;
        this.repository = repository;
    }

    public Optional<DmChannel> find(long channelId) {
        DmChannel cached = dms.getIfPresent(channelId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (serverChannels.getIfPresent(channelId) != null) {
            return Optional.empty();
        }
        Optional<DmChannel> found = repository.find(shards.forKey(channelId), channelId);
        found.ifPresent(this::remember);
        return found;
    }

    public void remember(DmChannel channel) {
        dms.put(channel.channelId(), channel);
    }

    /** Whether server-service has recognised this channel recently (then it is no DM of either kind). */
    public boolean isServerChannel(long channelId) {
        return serverChannels.getIfPresent(channelId) != null;
    }

    /** server-service knows this channel: it is not a DM. */
    public void rememberServerChannel(long channelId) {
        serverChannels.put(channelId, Boolean.TRUE);
    }
}
