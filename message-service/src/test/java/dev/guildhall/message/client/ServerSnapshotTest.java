package dev.guildhall.message.client;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.message.channel.AccessPolicy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Search visibility: server-service's snapshot JSON, through common's calculator. */
class ServerSnapshotTest {

    static final String SNAPSHOT = """
            {"server": {"server_id": "100", "server_name": "s", "owner_id": "1"},
             "owner_id": "1",
             "channels": [
               {"channel_id": "200", "channel_type": "text", "permission_overwrites": []},
               {"channel_id": "201", "channel_type": "text", "permission_overwrites": [
                   {"id": "100", "type": "role", "allow": "0", "deny": "1024"},
                   {"id": "300", "type": "role", "allow": "1024", "deny": "0"}]},
               {"channel_id": "202", "channel_type": "text", "permission_overwrites": [
                   {"id": "3", "type": "member", "allow": "0", "deny": "65536"}]}
             ],
             "roles": [
               {"role_id": "100", "permissions": "%s"},
               {"role_id": "300", "permissions": "0"}
             ],
             "members": [{"user_id": "1", "roles": []}, {"user_id": "2", "roles": ["300"]},
                         {"user_id": "3", "roles": []}],
             "member_count": 3}
            """.formatted(Permission.DEFAULT_EVERYONE);

    ServerSnapshot snapshot = ServerSnapshot.of(100, JsonMapper.builder().build().readValue(SNAPSHOT,
            dev.guildhall.common.internal.ServerSnapshot.class));

    @Test
    void ownerReadsEverything() {
        assertThat(readable(1)).containsExactlyInAnyOrderEntriesOf(Map.of(200L, true, 201L, true, 202L, true));
    }

    @Test
    void roleOverwriteOpensAHiddenChannel() {
        assertThat(readable(2)).containsExactlyInAnyOrderEntriesOf(Map.of(200L, true, 201L, true, 202L, true));
    }

    @Test
    void everyoneDenyHidesAndMemberDenyOfHistoryBlocksReading() {
        assertThat(readable(3)).containsExactlyInAnyOrderEntriesOf(Map.of(200L, true, 201L, false, 202L, false));
    }

    @Test
    void nonMembersReadNothing() {
        assertThat(snapshot.isMember(4)).isFalse();
        assertThat(readable(4)).containsExactlyInAnyOrderEntriesOf(Map.of(200L, false, 201L, false, 202L, false));
    }

    private Map<Long, Boolean> readable(long user) {
        Map<Long, Boolean> result = new java.util.HashMap<>();
        snapshot.channelPermissions(user).forEach((c, p) -> result.put(c, AccessPolicy.canRead(p)));
        return result;
    }
}
