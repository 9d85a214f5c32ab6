package dev.guildhall.data.db;

import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A real InnoDB deadlock: the victim's transaction runs again and both changes land. */
class DeadlockRetryTest {

    @Test
    void theDeadlockVictimIsRunAgainWhole() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        DatabaseProperties props = new DatabaseProperties(null, List.of(infra.jdbcUrl("data_deadlock_shard_0")), null,
                infra.dbUsername(), infra.dbPassword(), 4);
        Migrations migrations = new Migrations("flyway_history_test", null, "classpath:db/test/shard");
        try (ShardDatabases shards = new ShardDatabases(props, migrations, "test", null)) {
            Shard shard = shards.all().get(0);
            shard.jdbc().sql("UPDATE test_counter SET n = 0").update();
            CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();

            CompletableFuture<Void> one = CompletableFuture.runAsync(
                    () -> shard.inTransaction(() -> lockInOrder(shard, 1, 2, bothHoldOneRow, attempts)));
            CompletableFuture<Void> two = CompletableFuture.runAsync(
                    () -> shard.inTransaction(() -> lockInOrder(shard, 2, 1, bothHoldOneRow, attempts)));
            CompletableFuture.allOf(one, two).get(60, TimeUnit.SECONDS);

            assertThat(attempts).hasValue(3); // two first attempts, one of them again
            assertThat(shard.jdbc().sql("SELECT n FROM test_counter ORDER BY id").query(Integer.class).list())
                    .containsExactly(2, 2);
        }
    }

    private static void lockInOrder(Shard shard, long first, long second, CyclicBarrier barrier, AtomicInteger attempts) {
        int attempt = attempts.incrementAndGet();
        shard.jdbc().sql("UPDATE test_counter SET n = n + 1 WHERE id = ?").param(first).update();
        if (attempt <= 2) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        shard.jdbc().sql("UPDATE test_counter SET n = n + 1 WHERE id = ?").param(second).update();
    }
}
