package dev.guildhall.bench.chat;

import dev.guildhall.bench.common.Fixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void derivesTheWorldFromTheClientCount() {
        BenchOptions o = BenchOptions.parse("--target", "http://localhost:38080/", "--clients", "2000");
        assertThat(o.users()).isEqualTo(1000);
        assertThat(o.servers()).isEqualTo(200);
        assertThat(o.channels()).isEqualTo(400);
        assertThat(o.pairs()).isEqualTo(2000);
        assertThat(o.authUrl()).hasToString("http://localhost:38081");
        assertThat(o.serverUrl()).hasToString("http://localhost:38082");
        assertThat(o.durationSeconds()).isEqualTo(60);
        assertThat(BenchOptions.parse("--target", "http://h:1", "--sweep").durationSeconds()).isEqualTo(30);
    }

    @Test
    void refusesARateThatWouldPushAPairOverTheSendLimit() {
        assertThat(BenchOptions.parse("--target", "http://h:1", "--clients", "2000").withinSendLimit(1600)).isTrue();
        assertThatThrownBy(() -> BenchOptions.parse("--target", "http://h:1", "--clients", "20", "--rate", "50"))
                .hasMessageContaining("raise --users or --channels");
    }

    @Test
    void refusesChannelsThatDoNotSplitOverTheServers() {
        assertThatThrownBy(() -> BenchOptions.parse("--target", "http://h:1", "--servers", "3", "--channels", "4"))
                .hasMessageContaining("multiple of --servers");
    }

    @Test
    void rotationSpreadsConsecutiveSendsOverServersAndUsers() {
        List<Fixture.User> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(new Fixture.User(i, "u" + i, "p", i % 2));
        }
        List<Fixture.Server> servers = List.of(
                new Fixture.Server(0, "s0", List.of("a0", "a1"), List.of(0, 2, 4)),
                new Fixture.Server(1, "s1", List.of("b0", "b1"), List.of(1, 3, 5)));
        List<Fixture.Pair> pairs = Fixture.rotation(users, servers);
        assertThat(pairs).hasSize(12);
        assertThat(pairs.subList(0, 4)).containsExactly(new Fixture.Pair(0, 0, "a0"), new Fixture.Pair(1, 1, "b0"),
                new Fixture.Pair(2, 0, "a0"), new Fixture.Pair(3, 1, "b0"));
        assertThat(pairs).doesNotHaveDuplicates();
    }

    @Test
    void overloadChecksTheSendLimitAtItsPeakRate() {
        BenchOptions o = BenchOptions.parse("--target", "http://h:1", "--clients", "400", "--rate", "100",
                "--overload", "2");
        assertThat(o.overloading()).isTrue();
        assertThat(o.overloadSeconds()).isEqualTo(30);
        assertThat(o.recoverySeconds()).isEqualTo(30);
        // 100 msg/s fits 400 pairs, 2 × 100 does not fit 200
        assertThat(BenchOptions.parse("--target", "http://h:1", "--clients", "200", "--rate", "100").rate())
                .isEqualTo(100);
        assertThatThrownBy(() -> BenchOptions.parse("--target", "http://h:1", "--clients", "200", "--rate", "100",
                "--overload", "2")).hasMessageContaining("raise --users or --channels");
        assertThatThrownBy(() -> BenchOptions.parse("--target", "http://h:1", "--overload", "2", "--sweep"))
                .hasMessageContaining("--overload");
    }
}
