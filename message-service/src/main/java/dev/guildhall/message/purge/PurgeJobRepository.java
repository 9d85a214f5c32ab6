package dev.guildhall.message.purge;

import dev.guildhall.data.db.DbTimes;
import dev.guildhall.data.db.Shard;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code message_purge_jobs} in one shard. */
@Repository
class PurgeJobRepository {

    private static final String COLUMNS = "job_id, scope, target_id, channel_id, server_id, actor_id, not_before, "
            + "rows_removed, objects_removed, created_at, finished_at";

    /** @return false when a job for this target exists already (a redelivered event) */
    boolean create(Shard shard, PurgeJob job) {
        return shard.jdbc().sql("INSERT IGNORE INTO message_purge_jobs (job_id, scope, target_id, channel_id, server_id, "
                        + "actor_id, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(job.jobId(), job.scope().name(), job.targetId(), job.channelId(), job.serverId(), job.actorId(),
                        DbTimes.toDb(job.notBefore()), DbTimes.toDb(job.createdAt()))
                .update() == 1;
    }

    Optional<PurgeJob> find(Shard shard, PurgeScope scope, long targetId) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_purge_jobs WHERE scope = ? AND target_id = ?")
                .params(scope.name(), targetId)
                .query(PurgeJobRepository::map).optional();
    }

    /** Unfinished jobs whose time has come and that no live instance holds, oldest first. */
    List<PurgeJob> due(Shard shard, Instant now, int limit) {
        return shard.jdbc().sql("SELECT " + COLUMNS + " FROM message_purge_jobs WHERE finished_at IS NULL "
                        + "AND not_before <= ? AND (leased_until IS NULL OR leased_until < ?) ORDER BY job_id LIMIT ?")
                .params(DbTimes.toDb(now), DbTimes.toDb(now), limit)
                .query(PurgeJobRepository::map).list();
    }

    /** Takes the job until {@code until}, unless another instance holds it: false then. */
    boolean lease(Shard shard, long jobId, Instant now, Instant until) {
        return shard.jdbc().sql("UPDATE message_purge_jobs SET leased_until = ? WHERE job_id = ? AND finished_at IS NULL "
                        + "AND (leased_until IS NULL OR leased_until < ?)")
                .params(DbTimes.toDb(until), jobId, DbTimes.toDb(now))
                .update() == 1;
    }

    /** Adds one batch's counts and extends the lease; in the batch's transaction. */
    void progress(Shard shard, long jobId, long rows, long objects, Instant leaseUntil) {
        shard.jdbc().sql("UPDATE message_purge_jobs SET rows_removed = rows_removed + ?, "
                        + "objects_removed = objects_removed + ?, leased_until = ? WHERE job_id = ?")
                .params(rows, objects, DbTimes.toDb(leaseUntil), jobId)
                .update();
    }

    void finish(Shard shard, long jobId, Instant now) {
        shard.jdbc().sql("UPDATE message_purge_jobs SET finished_at = ?, leased_until = NULL WHERE job_id = ?")
                .params(DbTimes.toDb(now), jobId)
                .update();
    }

    /** Gives a failed job back after {@code retryAt}. */
    void release(Shard shard, long jobId, Instant retryAt) {
        shard.jdbc().sql("UPDATE message_purge_jobs SET leased_until = ? WHERE job_id = ? AND finished_at IS NULL")
                .params(DbTimes.toDb(retryAt), jobId)
                .update();
    }

    private static PurgeJob map(ResultSet rs, int n) throws SQLException {
        return new PurgeJob(rs.getLong("job_id"), PurgeScope.valueOf(rs.getString("scope")), rs.getLong("target_id"),
                DbTimes.nullableLong(rs, "channel_id"), DbTimes.nullableLong(rs, "server_id"), rs.getLong("actor_id"),
                DbTimes.fromDb(rs, "not_before"), rs.getLong("rows_removed"), rs.getLong("objects_removed"),
                DbTimes.fromDb(rs, "created_at"), DbTimes.fromDb(rs, "finished_at"));
    }
}
