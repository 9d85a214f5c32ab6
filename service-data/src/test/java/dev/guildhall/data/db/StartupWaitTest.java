package dev.guildhall.data.db;

import dev.guildhall.infra.ShardHostProxy;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service that starts while its database is not answering yet (MariaDB still starting, or a host so busy that the
 * handshake outlasts the connection timeout) waits for it up to {@code startupTimeout} instead of failing its start:
 * the chaos fleet's message-service, with a 1 s connection timeout, exited at start on a loaded host. A database
 * that stays away still fails the start, after the timeout.
 */
class StartupWaitTest {

    private static final Pattern PORT = Pattern.compile("//127\\.0\\.0\\.1:(\\d+)/");

    @Test
    void aDatabaseThatAnswersLateIsWaitedFor() throws Exception {
        String url = TestInfrastructure.get().jdbcUrl("data_startup_wait_shard_0");
        try (ShardHostProxy host = proxyFor(url)) {
            host.kill();
            DatabaseProperties props = props(through(url, host), Duration.ofSeconds(60));
            CompletableFuture<ShardDatabases> starting = CompletableFuture.supplyAsync(
                    () -> new ShardDatabases(props, migrations(), "startup-wait", null));
            Thread.sleep(2_500);
            assertThat(starting).as("still waiting while the database refuses").isNotDone();
            host.revive();
            try (ShardDatabases shards = starting.get(60, TimeUnit.SECONDS)) {
                assertThat(shards.all().get(0).jdbc().sql("SELECT COUNT(*) FROM test_counter")
                        .query(Integer.class).single()).isPositive();
            }
        }
    }

    @Test
    void aDatabaseThatStaysAwayFailsTheStartAfterTheTimeout() {
        String url = TestInfrastructure.get().jdbcUrl("data_startup_wait_shard_1");
        try (ShardHostProxy host = proxyFor(url)) {
            host.kill();
            DatabaseProperties props = props(through(url, host), Duration.ofSeconds(2));
            long started = System.nanoTime();
            assertThatThrownBy(() -> new ShardDatabases(props, migrations(), "startup-wait", null).close())
                    .isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                    Duration.ofSeconds(30));
        }
    }

    private static DatabaseProperties props(String url, Duration startupTimeout) {
        TestInfrastructure infra = TestInfrastructure.get();
        return new DatabaseProperties(null, List.of(url), null, infra.dbUsername(), infra.dbPassword(), 2, 1,
                Duration.ofSeconds(1), startupTimeout);
    }

    private static Migrations migrations() {
        return new Migrations("flyway_history_test", null, "classpath:db/test/shard");
    }

    private static ShardHostProxy proxyFor(String url) {
        Matcher port = PORT.matcher(url);
        assertThat(port.find()).as(url).isTrue();
        return new ShardHostProxy("127.0.0.1", Integer.parseInt(port.group(1)));
    }

    private static String through(String url, ShardHostProxy host) {
        Matcher port = PORT.matcher(url);
        assertThat(port.find()).isTrue();
        return url.replace(":" + port.group(1) + "/", ":" + host.port() + "/");
    }
}
