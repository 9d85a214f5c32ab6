package dev.guildhall.common.shard;

import dev.guildhall.common.id.SnowflakeGenerator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardRouterTest {

    @Test
    void snowflakesFromOneMillisecondSpreadOverAllLogicalShards() {
        // ids made in a burst share their high bits and have sequence-only low bits:
        // raw modulo would put them nearly all on shard 0
        SnowflakeGenerator generator = new SnowflakeGenerator(0);
        ShardRouter router = ShardRouter.evenly(8, 2);
        int[] counts = new int[8];
        int n = 80_000;
        for (int i = 0; i < n; i++) {
            counts[router.logicalShard(generator.next())]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(n / 8 * 9 / 10, n / 8 * 11 / 10);
        }
    }

    @Test
    void rawModuloWouldHaveBeenSkewed() {
        int zeros = 0;
        for (long t = 0; t < 1000; t++) {
            long id = dev.guildhall.common.id.Snowflake.compose(dev.guildhall.common.id.Snowflake.EPOCH + t * 7919, 1, 0);
            if (id % 8 == 0) {
                zeros++;
            }
        }
        assertThat(zeros).isEqualTo(1000);
    }

    @Test
    void logicalShardsMapToPhysicalThroughTheAssignment() {
        ShardRouter router = new ShardRouter(List.of(0, 0, 0, 1, 1, 1, 1, 1));
        assertThat(router.logicalShards()).isEqualTo(8);
        assertThat(router.physicalShards()).isEqualTo(2);
        for (long key = 1; key < 1000; key++) {
            int logical = router.logicalShard(key);
            assertThat(router.physicalShard(key)).isEqualTo(logical < 3 ? 0 : 1);
        }
    }

    @Test
    void routingIsStable() {
        ShardRouter a = ShardRouter.evenly(8, 2);
        ShardRouter b = ShardRouter.evenly(8, 2);
        for (long key = 1; key < 10_000; key += 37) {
            assertThat(a.physicalShard(key)).isEqualTo(b.physicalShard(key));
        }
        // fixed vector so a change of the mixing function is caught: it would re-home every server
        assertThat(ShardRouter.mix64(1L)).isEqualTo(0x5692161d100b05e5L);
    }

    @Test
    void refusesAnAssignmentWithAGap() {
        assertThatThrownBy(() -> new ShardRouter(List.of(0, 2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShardRouter(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
