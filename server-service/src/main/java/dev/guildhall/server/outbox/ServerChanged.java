package dev.guildhall.server.outbox;

/** Published in-process after a shard transaction that changed a server has committed. */
public record ServerChanged(long serverId, int shardIndex) {
}
