package dev.guildhall.message.purge;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Records what is to be deleted (ADR 198): the caller's request or event ends with a job row;
 * {@link PurgeWorker} does the deleting later, in batches.
 */
@Service
public class PurgeJobs {

    private final ShardDatabases shards;
    private final PurgeJobRepository jobs;
    private final ContentRepository content;
    private final SnowflakeGenerator ids;
    private final PurgeProperties properties;
    private final Clock clock;
    private final PurgeWorker worker;

    PurgeJobs(ShardDatabases shards, PurgeJobRepository jobs, ContentRepository content, SnowflakeGenerator ids,
              PurgeProperties properties, Clock clock, PurgeWorker worker) {
        this.shards = shards;
        this.jobs = jobs;
        this.content = content;
        this.ids = ids;
        this.properties = properties;
        this.clock = clock;
        this.worker = worker;
    }

    /**
     * A message was deleted, inside its deletion's transaction: its files are deleted after the
     * grace period, so links already handed out and caches finish what they were doing.
     */
    public void messageDeleted(Shard shard, long channelId, Long serverId, long messageId, long actorId) {
        if (!content.hasAttachments(shard, channelId, messageId)) {
            return;
        }
        Instant now = clock.instant();
        jobs.create(shard, new PurgeJob(ids.next(), PurgeScope.MESSAGE, messageId, channelId, serverId, actorId,
                now.plus(properties.fileGrace()), 0, 0, now, null));
    }

    /** A channel of a server was deleted: all of its content goes, starting now. */
    public void channelDeleted(long serverId, long channelId, long actorId) {
        create(serverId, PurgeScope.CHANNEL, channelId, channelId, serverId, actorId);
    }

    /** A server was deleted: the content of all its channels goes, starting now. */
    public void serverDeleted(long serverId, long actorId) {
        create(serverId, PurgeScope.SERVER, serverId, null, serverId, actorId);
    }

    /** The job of this target, if there is one (finished or not). */
    public Optional<PurgeJob> find(long shardKey, PurgeScope scope, long targetId) {
        return jobs.find(shards.forKey(shardKey), scope, targetId);
    }

    private void create(long shardKey, PurgeScope scope, long targetId, Long channelId, Long serverId, long actorId) {
        Instant now = clock.instant();
        if (jobs.create(shards.forKey(shardKey),
                new PurgeJob(ids.next(), scope, targetId, channelId, serverId, actorId, now, 0, 0, now, null))) {
            worker.wake();
        }
    }
}
