package dev.guildhall.server.audit;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.ContentPurged;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.server.server.ServerRepository;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records message-service's report that a deleted channel's content is gone (ADR 198): a
 * {@code MESSAGE_BULK_DELETE} entry by whoever deleted the channel, its counts as {@code after}.
 */
@Service
public class ContentPurgeAudit {

    private final ShardDatabases shards;
    private final ServerRepository servers;
    private final AuditLog audit;

    public ContentPurgeAudit(ShardDatabases shards, ServerRepository servers, AuditLog audit) {
        this.shards = shards;
        this.servers = servers;
        this.audit = audit;
    }

    /** @throws GuildhallException UNKNOWN_SERVER when the server is gone (its audit log with it) */
    public void record(long serverId, ContentPurged purged) {
        long channelId = Snowflake.parse(purged.channelId());
        long actorId = purged.actorId() == null ? 0 : Snowflake.parse(purged.actorId());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("channel_id", Snowflake.format(channelId));
        counts.put("rows_removed", purged.rowsRemoved());
        counts.put("objects_removed", purged.objectsRemoved());
        Shard shard = shards.forKey(serverId);
        shard.inTransaction(() -> {
            var db = shard.jdbc();
            servers.find(db, serverId).orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER));
            audit.record(db, serverId, actorId, AuditAction.MESSAGE_BULK_DELETE, channelId, null, counts, null);
        });
    }
}
