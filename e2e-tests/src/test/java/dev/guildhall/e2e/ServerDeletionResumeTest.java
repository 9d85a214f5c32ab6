package dev.guildhall.e2e;

import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.Fleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content deletion survives a crash (ADR 198): a server with enough content that deleting it takes
 * seconds is deleted through the gateway (answered at once); message-service is killed with SIGKILL
 * in the middle of the deletion, the launcher's supervisor starts it again, and the new process picks
 * the job up from its shard and finishes it: every row of the server gone, and the job's count equal
 * to what was there (each batch commits its deletions with its count, so nothing is counted twice).
 */
class ServerDeletionResumeTest {

    /** Rows per channel and table: 2 channels × (messages + reactions) ≈ 160k rows, deleted 500 per batch. */
    static final int PER_CHANNEL = 40_000;

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void aServerDeletionInterruptedByAKilledMessageServiceResumesAndFinishes() throws Exception {
        Fleet fleet = E2eFleet.get();
        // a fleet that has just started (cold JVMs on a loaded machine) may refuse its first requests with 503
        User owner = warm(() -> Scenario.register(api, "del"));
        Server server = warm(() -> Scenario.server(api, owner));
        String second = warm(() -> {
            Api.Response made = api.post("/api/v1/servers/" + server.id() + "/channels", owner.token(),
                    Api.map("channel_name", "second", "channel_type", "text"));
            assertThat(made.status()).as(made.toString()).isIn(200, 201);
            return made.text("channel_id");
        });
        warm(() -> Scenario.send(api, owner, server.general(), "through the API"));
        warm(() -> Scenario.send(api, owner, second, "through the API too"));
        long serverId = Long.parseLong(server.id());

        String shardUrl = shardOf(fleet, serverId);
        try (Connection db = connect(fleet, shardUrl)) {
            for (String channel : List.of(server.general(), second)) {
                bulk(db, serverId, Long.parseLong(channel), Long.parseLong(owner.id()), PER_CHANNEL);
            }
            long rowsBefore = contentRows(db, serverId, List.of(server.general(), second));
            assertThat(rowsBefore).isGreaterThan(4L * PER_CHANNEL);

            long asked = System.nanoTime();
            Api.Response deleted = api.delete("/api/v1/servers/" + server.id(), owner.token());
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            System.out.printf("server deletion answered in %d ms%n", (System.nanoTime() - asked) / 1_000_000);

            // in the middle: some batches done, the job not finished
            waitUntil(Duration.ofMinutes(2), () -> job(db, serverId).map(j -> j.rows() > 0).orElse(false));
            int restarts = fleet.supervision("message-service").restarts();
            fleet.process("message-service").orElseThrow().destroyForcibly();
            Job atKill = job(db, serverId).orElseThrow();
            System.out.printf("killed message-service with %d of %d rows deleted%n", atKill.rows(), rowsBefore);
            assertThat(atKill.finished()).as("the deletion takes long enough to be interrupted").isFalse();
            assertThat(atKill.rows()).isLessThan(rowsBefore);

            waitUntil(Duration.ofMinutes(2), () -> fleet.supervision("message-service").restarts() == restarts + 1);
            long killed = System.nanoTime();
            waitUntil(Duration.ofMinutes(8), () -> job(db, serverId).map(Job::finished).orElse(false));
            System.out.printf("deletion finished %.1f s after the restart began%n", (System.nanoTime() - killed) / 1e9);

            Job done = job(db, serverId).orElseThrow();
            assertThat(done.rows()).isEqualTo(rowsBefore);
            assertThat(contentRows(db, serverId, List.of(server.general(), second))).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM messages WHERE server_id = ?", serverId)).isZero();
        }
    }

    // --- the shard, read directly (the test's own check of what is stored) ---

    record Job(long rows, boolean finished) {
    }

    private static java.util.Optional<Job> job(Connection db, long serverId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("SELECT rows_removed, finished_at FROM message_purge_jobs "
                + "WHERE scope = 'SERVER' AND target_id = ?")) {
            q.setLong(1, serverId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new Job(rs.getLong(1), rs.getTimestamp(2) != null))
                        : java.util.Optional.empty();
            }
        }
    }

    private static long contentRows(Connection db, long serverId, List<String> channels) throws SQLException {
        long rows = 0;
        for (String channel : channels) {
            for (String table : List.of("messages", "reactions", "message_mentions", "pins", "read_states",
                    "message_attachments")) {
                rows += count(db, "SELECT COUNT(*) FROM " + table + " WHERE channel_id = ?", Long.parseLong(channel));
            }
        }
        // read states of the server's channels are found by server too; none outside these channels here
        return rows;
    }

    private static long count(Connection db, String sql, long id) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {@code n} messages in the channel, each with a reaction, in multi-row inserts (far past the send rate limit). */
    private static void bulk(Connection db, long serverId, long channel, long author, int n) throws SQLException {
        int chunk = 1000;
        // ids below the channel's real messages' and unique per channel: the channel id's time, minus i
        for (int start = 0; start < n; start += chunk) {
            StringBuilder messages = new StringBuilder("INSERT INTO messages (channel_id, message_id, server_id, "
                    + "author_id, content, created_at) VALUES ");
            StringBuilder reactions = new StringBuilder("INSERT INTO reactions (channel_id, message_id, emoji, user_id, "
                    + "created_at) VALUES ");
            for (int i = start; i < Math.min(n, start + chunk); i++) {
                long id = channel - 1 - i;
                String sep = i == start ? "" : ",";
                messages.append(sep).append('(').append(channel).append(',').append(id).append(',').append(serverId)
                        .append(',').append(author).append(",'bulk message ").append(i).append("',NOW(3))");
                reactions.append(sep).append('(').append(channel).append(',').append(id).append(",'+1',")
                        .append(author).append(",NOW(3))");
            }
            try (var statement = db.createStatement()) {
                statement.executeUpdate(messages.toString());
                statement.executeUpdate(reactions.toString());
            }
        }
    }

    /** The shard database holding the server's messages (its first message went there through the API). */
    private static String shardOf(Fleet fleet, long serverId) throws SQLException {
        for (String url : fleet.endpoints().dbUrlShards().split(",")) {
            try (Connection db = connect(fleet, url)) {
                if (count(db, "SELECT COUNT(*) FROM messages WHERE server_id = ?", serverId) > 0) {
                    return url;
                }
            }
        }
        throw new AssertionError("no shard holds the server's messages");
    }

    private static Connection connect(Fleet fleet, String url) throws SQLException {
        Map<String, String> env = fleet.environment("message-service");
        return DriverManager.getConnection(url, env.getOrDefault("GUILDHALL_DB_USERNAME", fleet.endpoints().dbUsername()),
                env.getOrDefault("GUILDHALL_DB_PASSWORD", fleet.endpoints().dbPassword()));
    }

    /** Retries a step that failed while the fleet is still warming up (503s), for up to two minutes. */
    private static <T> T warm(java.util.concurrent.Callable<T> step) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                return step.call();
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("503")) {
                    throw e;
                }
                Thread.sleep(3000);
            }
        }
    }

    private static void waitUntil(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        SupervisionTest.waitUntil(timeout, condition);
    }
}
