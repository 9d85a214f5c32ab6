package dev.guildhall.websocket.servercache;

import dev.guildhall.common.permission.Permission;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Permission filtering from a snapshot plus applied server-events. */
class ServerCacheTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SNAPSHOT = """
            {"server":{"server_id":"100","server_name":"s","owner_id":"1"},"owner_id":"1",
             "channels":[
               {"channel_id":"10","server_id":"100","permission_overwrites":[]},
               {"channel_id":"11","server_id":"100","permission_overwrites":[
                 {"id":"100","type":"role","allow":"0","deny":"1024"},
                 {"id":"50","type":"role","allow":"1024","deny":"0"},
                 {"id":"4","type":"member","allow":"1024","deny":"0"}]}],
             "roles":[{"role_id":"100","permissions":"3072"},{"role_id":"50","permissions":"0"},
                      {"role_id":"60","permissions":"8"}],
             "members":[{"user_id":"1","roles":[]},{"user_id":"2","roles":[]},{"user_id":"3","roles":["50"]},
                        {"user_id":"4","roles":[]},{"user_id":"5","roles":["60"]}],
             "member_count":5}""";

    static ServerState state() {
        return SnapshotParser.parse(100, JSON.readTree(SNAPSHOT));
    }

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Test
    void snapshotGivesDiscordsModel() {
        ServerState s = state();
        assertThat(s.canView(1, 11)).as("owner sees everything").isTrue();
        assertThat(s.canView(2, 10)).as("@everyone sees open channels").isTrue();
        assertThat(s.canView(2, 11)).as("@everyone denied").isFalse();
        assertThat(s.canView(3, 11)).as("role overwrite allows").isTrue();
        assertThat(s.canView(4, 11)).as("member overwrite allows").isTrue();
        assertThat(s.canView(5, 11)).as("administrator ignores overwrites").isTrue();
        assertThat(s.canView(9, 10)).as("non-member sees nothing").isFalse();
        assertThat(s.canView(2, 99)).as("unknown channel grants nothing").isFalse();
        assertThat(s.visibleChannelIds(2)).containsExactly(10L);
        assertThat(Permission.SEND_MESSAGES.in(s.permissions(2, 10))).isTrue();
    }

    @Test
    void channelUpdatesReplaceOverwrites() {
        ServerState s = state();
        ServerEventApplier.apply(s, "CHANNEL_UPDATE", json("""
                {"channel_id":"10","server_id":"100","permission_overwrites":[{"id":"2","type":"member","allow":"0","deny":"1024"}]}"""));
        assertThat(s.canView(2, 10)).isFalse();
        assertThat(s.canView(3, 10)).isTrue();
    }

    @Test
    void roleAndMemberEventsChangeWhatMembersSee() {
        ServerState s = state();
        ServerEventApplier.apply(s, "SERVER_MEMBER_UPDATE", json("{\"user_id\":\"2\",\"roles\":[\"50\"]}"));
        assertThat(s.canView(2, 11)).isTrue();
        ServerEventApplier.apply(s, "SERVER_ROLE_DELETE", json("{\"server_id\":\"100\",\"role_id\":\"60\"}"));
        assertThat(s.canView(5, 11)).as("administrator role gone").isFalse();
        ServerEventApplier.apply(s, "SERVER_ROLE_UPDATE", json("{\"role_id\":\"100\",\"permissions\":\"0\"}"));
        assertThat(s.canView(4, 10)).as("@everyone lost VIEW_CHANNEL").isFalse();
        ServerEventApplier.apply(s, "SERVER_MEMBER_REMOVE", json("{\"server_id\":\"100\",\"user\":{\"user_id\":\"3\"}}"));
        assertThat(s.isMember(3)).isFalse();
        assertThat(s.canView(3, 11)).isFalse();
        ServerEventApplier.apply(s, "SERVER_MEMBER_ADD", json("{\"user_id\":\"8\",\"roles\":[]}"));
        assertThat(s.isMember(8)).isTrue();
        ServerEventApplier.apply(s, "CHANNEL_DELETE", json("{\"channel_id\":\"11\"}"));
        assertThat(s.channel(11)).isNull();
    }

    @Test
    void eventsArrivingWhileTheSnapshotLoadsAreAppliedOnTopOfIt() {
        Sinks.One<JsonNode> pending = Sinks.one();
        AtomicInteger calls = new AtomicInteger();
        ServerCache cache = new ServerCache(id -> {
            calls.incrementAndGet();
            return pending.asMono();
        }, System::currentTimeMillis);
        Mono<ServerState> first = cache.load(100);
        Mono<ServerState> second = cache.load(100);
        first.subscribe();
        second.subscribe();
        assertThat(cache.apply(100, "SERVER_MEMBER_UPDATE", json("{\"user_id\":\"2\",\"roles\":[\"50\"]}"))).isNull();

        pending.tryEmitValue(json(SNAPSHOT));

        ServerState state = cache.get(100);
        assertThat(calls.get()).as("one request for concurrent loads").isEqualTo(1);
        assertThat(state.canView(2, 11)).as("the event that raced the snapshot is in").isTrue();
    }

    @Test
    void unusedServersAreEvictedAfterIdling() {
        long[] now = {1000};
        ServerCache cache = new ServerCache(id -> Mono.just(json(SNAPSHOT)), () -> now[0]);
        cache.load(100).block();
        now[0] += 5000;
        assertThat(cache.evictUnused(id -> true, 1000)).isZero();
        assertThat(cache.evictUnused(id -> false, 10_000)).isZero();
        assertThat(cache.evictUnused(id -> false, 1000)).isEqualTo(1);
        assertThat(cache.get(100)).isNull();
    }
}
