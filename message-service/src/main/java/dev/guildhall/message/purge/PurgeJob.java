package dev.guildhall.message.purge;

import java.time.Instant;

/**
 * One row of {@code message_purge_jobs}.
 *
 * @param targetId  the message, channel or server id, as {@code scope} says
 * @param channelId the channel of a MESSAGE or CHANNEL job, null for a SERVER job
 * @param serverId  the server of the content, null for a direct-message channel's
 */
public record PurgeJob(long jobId, PurgeScope scope, long targetId, Long channelId, Long serverId, long actorId,
                       Instant notBefore, long rowsRemoved, long objectsRemoved, Instant createdAt, Instant finishedAt) {
}
