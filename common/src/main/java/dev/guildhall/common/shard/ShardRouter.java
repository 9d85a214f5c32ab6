package dev.guildhall.common.shard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Maps a shard key (server id, or channel id for direct messages) to a logical shard with
 * {@code floorMod(mix64(key), logicalShards)}, and a logical shard to a physical database through
 * an explicit assignment, so a logical shard can move without re-hashing.
 *
 * <p>Never use {@code id % n} on a raw snowflake: its low 12 bits are a per-millisecond sequence,
 * mostly zero.
 */
public final class ShardRouter {

    private final int logicalShards;
    private final int[] physicalOf;
    private final int physicalCount;

    /**
     * @param assignment physical database index for each logical shard (its size is the number of
     *                   logical shards)
     */
    public ShardRouter(List<Integer> assignment) {
        if (assignment == null || assignment.isEmpty()) {
            throw new IllegalArgumentException("at least one logical shard is required");
        }
        this.logicalShards = assignment.size();
        this.physicalOf = new int[logicalShards];
        int max = -1;
        for (int i = 0; i < logicalShards; i++) {
            int p = assignment.get(i);
            if (p < 0) {
                throw new IllegalArgumentException("negative physical shard for logical " + i);
            }
            physicalOf[i] = p;
            max = Math.max(max, p);
        }
        this.physicalCount = max + 1;
        for (int p = 0; p < physicalCount; p++) {
            boolean used = false;
            for (int v : physicalOf) {
                used |= v == p;
            }
            if (!used) {
                throw new IllegalArgumentException("physical shard " + p + " has no logical shard");
            }
        }
    }

    /** {@code logical} logical shards spread round-robin over {@code physical} databases. */
    public static ShardRouter evenly(int logical, int physical) {
        if (physical < 1 || logical < physical) {
            throw new IllegalArgumentException("need logical >= physical >= 1");
        }
        List<Integer> assignment = new ArrayList<>(logical);
        for (int i = 0; i < logical; i++) {
            assignment.add(i % physical);
        }
        return new ShardRouter(assignment);
    }

    /** SplitMix64's finalizer: a fast bijective mixer whose every output bit depends on every input bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public int logicalShard(long key) {
        return (int) Math.floorMod(mix64(key), (long) logicalShards);
    }

    public int physicalShard(long key) {
        return physicalOf[logicalShard(key)];
    }

    public int logicalShards() {
        return logicalShards;
    }

    public int physicalShards() {
        return physicalCount;
    }

    public List<Integer> assignment() {
        List<Integer> list = new ArrayList<>(logicalShards);
        for (int p : physicalOf) {
            list.add(p);
        }
        return Collections.unmodifiableList(list);
    }
}
