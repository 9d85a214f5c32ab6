package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.fanout.FanoutTestKit.Connected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** server-events keep the permission cache fresh, and access changes take effect with the next event. */
class ServerEventsTest {

    static final long SERVER = 100;
    final FanoutTestKit kit = new FanoutTestKit();

    void message(long channelId) {
        kit.router.route(kit.event("messages", "MESSAGE_CREATE", SERVER, channelId, 1, "{}"));
    }

    @Test
    void losingViewChannelStopsDeliveryAtOnceWithAChannelDeleteForWhoLostIt() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        Connected owner = kit.connect(1, SERVER);

        message(10);
        kit.router.route(kit.event("server-events", "CHANNEL_UPDATE", SERVER, 10, 1, """
                {"channel_id":"10","server_id":"100","channel_name":"general","permission_overwrites":[
                  {"id":"100","type":"role","allow":"0","deny":"1024"}]}"""));
        message(10);

        assertThat(member.types()).containsExactly("MESSAGE_CREATE", "CHANNEL_DELETE");
        assertThat(owner.types()).containsExactly("MESSAGE_CREATE", "CHANNEL_UPDATE", "MESSAGE_CREATE");
    }

    @Test
    void gainingARoleRevealsItsChannels() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);

        message(11);
        kit.router.route(kit.event("server-events", "SERVER_MEMBER_UPDATE", SERVER, 0, 2,
                "{\"user_id\":\"2\",\"server_id\":\"100\",\"roles\":[\"50\"]}"));
        message(11);

        assertThat(member.types()).containsExactly("SERVER_MEMBER_UPDATE", "CHANNEL_CREATE", "MESSAGE_CREATE");
    }

    @Test
    void aRoleLosingItsGrantHidesTheChannelFromItsHolders() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected staff = kit.connect(3, SERVER);
        kit.router.route(kit.event("server-events", "CHANNEL_UPDATE", SERVER, 11, 1, """
                {"channel_id":"11","server_id":"100","channel_name":"staff","permission_overwrites":[
                  {"id":"100","type":"role","allow":"0","deny":"1024"}]}"""));
        message(11);
        assertThat(staff.types()).containsExactly("CHANNEL_DELETE");
    }

    @Test
    void everyoneLosingViewInTheRoleItselfHidesOpenChannels() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        kit.router.route(kit.event("server-events", "SERVER_ROLE_UPDATE", SERVER, 0, 1,
                "{\"role_id\":\"100\",\"server_id\":\"100\",\"permissions\":\"0\"}"));
        message(10);
        assertThat(member.types()).containsExactly("SERVER_ROLE_UPDATE", "CHANNEL_DELETE");
    }

    @Test
    void aRemovedMemberGetsTheRemovalThenNothing() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        Connected owner = kit.connect(1, SERVER);

        kit.router.route(kit.event("server-events", "SERVER_MEMBER_REMOVE", SERVER, 0, 2,
                "{\"server_id\":\"100\",\"user_id\":\"2\",\"user\":{\"user_id\":\"2\"}}"));
        message(10);

        assertThat(member.types()).containsExactly("SERVER_MEMBER_REMOVE");
        assertThat(member.session().inServer(SERVER)).isFalse();
        assertThat(owner.types()).containsExactly("SERVER_MEMBER_REMOVE", "MESSAGE_CREATE");
    }

    @Test
    void aDeletedServerIsAnnouncedThenForgotten() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        kit.router.route(kit.event("server-events", "SERVER_DELETE", SERVER, 0, 1, "{\"server_id\":\"100\"}"));
        message(10);
        assertThat(member.types()).containsExactly("SERVER_DELETE");
        assertThat(kit.cache.get(SERVER)).isNull();
    }

    @Test
    void joiningAServerWhileConnectedSendsItsServerCreate() {
        kit.snapshots.put(SERVER, FanoutTestKit.JSON.readTree(FanoutTestKit.snapshot(SERVER)));
        Connected newcomer = kit.connect(7);
        kit.router.route(kit.event("server-events", "SERVER_MEMBER_ADD", SERVER, 0, 7,
                "{\"user_id\":\"7\",\"server_id\":\"100\",\"roles\":[]}"));
        message(10);
        assertThat(newcomer.types()).containsExactly("SERVER_CREATE", "MESSAGE_CREATE");
    }

    @Test
    void bansGoToModeratorsAndTheBannedUserOnly() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected banned = kit.connect(2, SERVER);
        Connected owner = kit.connect(1, SERVER);
        Connected bystander = kit.connect(3, SERVER);
        kit.router.route(kit.event("server-events", "SERVER_BAN_ADD", SERVER, 0, 2,
                "{\"server_id\":\"100\",\"user\":{\"user_id\":\"2\"}}"));
        assertThat(banned.types()).containsExactly("SERVER_BAN_ADD");
        assertThat(owner.types()).containsExactly("SERVER_BAN_ADD");
        assertThat(bystander.types()).isEmpty();
        assertThat(banned.session().inServer(SERVER)).isFalse();
    }
}
