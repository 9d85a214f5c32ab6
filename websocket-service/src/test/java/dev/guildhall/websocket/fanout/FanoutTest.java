package dev.guildhall.websocket.fanout;

import dev.guildhall.websocket.fanout.FanoutTestKit.Connected;
import dev.guildhall.websocket.protocol.DispatchFrame;
import dev.guildhall.websocket.protocol.OutboundFrame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fan-out: who gets an event, and that its payload is encoded once however many get it. */
class FanoutTest {

    static final long SERVER = 100;
    final FanoutTestKit kit = new FanoutTestKit();

    @Test
    void anEventIsSerializedOncePerNodeAndEachRecipientOnlyAddsItsSequence() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected owner = kit.connect(1, SERVER);
        Connected member = kit.connect(2, SERVER);
        Connected other = kit.connect(3, SERVER);
        member.session().dispatch(DispatchFrame.of("TYPING_START", "t", "{}".getBytes(StandardCharsets.UTF_8)));

        kit.router.route(kit.event("messages", "MESSAGE_CREATE", SERVER, 10, 1, "{\"content\":\"hello\"}"));

        assertThat(kit.metrics.count("guildhall.gateway.payload.encodings")).isEqualTo(1);
        DispatchFrame shared = owner.frames().get(0);
        assertThat(member.frames()).contains(shared);
        assertThat(other.frames()).containsExactly(shared);
        // the very same bytes, not copies
        assertThat(member.frames().get(1).suffix()).isSameAs(shared.suffix());
        // only s differs: 2 for the owner, 3 for the member who had one dispatch before
        OutboundFrame.Dispatch toOwner = owner.dispatches().get(0);
        OutboundFrame.Dispatch toMember = member.dispatches().get(1);
        assertThat(toOwner.seq()).isEqualTo(2);
        assertThat(toMember.seq()).isEqualTo(3);
        JsonNode parsed = FanoutTestKit.JSON.readTree(toMember.frame().text(toMember.seq()));
        assertThat(parsed.path("op").asInt()).isZero();
        assertThat(parsed.path("s").asLong()).isEqualTo(3);
        assertThat(parsed.path("t").asString()).isEqualTo("MESSAGE_CREATE");
        assertThat(parsed.path("d").path("content").asString()).isEqualTo("hello");
        assertThat(kit.metrics.count("guildhall.gateway.dispatches")).isEqualTo(3);
    }

    @Test
    void deliveryLatencyIsTimedOncePerEventFromItsCreationAndOnlyWhenSomeoneGotIt() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        kit.connect(2, SERVER);
        kit.connect(4);
        long created = System.currentTimeMillis() - 300;

        kit.router.route(new InboundEvent("messages", "e1", "MESSAGE_CREATE", SERVER, 10, 1, java.util.Set.of(),
                "{\"content\":\"hi\"}", created));
        // the hidden channel, which no one connected may view: no recipient, no sample
        kit.router.route(new InboundEvent("messages", "e2", "MESSAGE_CREATE", SERVER, 11, 1, java.util.Set.of(),
                "{}", created));
        // no occurred_at (an old producer): delivered, not timed
        kit.router.route(new InboundEvent("messages", "e3", "MESSAGE_CREATE", SERVER, 10, 1, java.util.Set.of(),
                "{}", 0));

        io.micrometer.core.instrument.Timer delivery = kit.registry.get("guildhall.gateway.delivery")
                .tag("type", "MESSAGE_CREATE").timer();
        assertThat(delivery.count()).as("one sample for the one timed event that reached someone").isEqualTo(1);
        assertThat(delivery.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(300.0, 10_000.0);
    }

    @Test
    void aChangedAvatarReachesEveryoneWhoSharesAServerOnceAndNoOneElse() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        kit.load(200, FanoutTestKit.snapshot(200));
        Connected changer = kit.connect(1, SERVER, 200);
        Connected changersOtherTab = kit.connect(1);
        Connected inBoth = kit.connect(2, SERVER, 200);
        Connected inOne = kit.connect(3, 200);
        Connected stranger = kit.connect(4);

        kit.router.route(kit.event(dev.guildhall.common.event.Topics.USER_EVENTS, "USER_UPDATE", 0, 0, 1,
                "{\"user_id\":\"1\",\"username\":\"owner\",\"avatar_url\":\"https://cdn/a.png\",\"bot\":false}"));

        assertThat(changer.types()).containsExactly("USER_UPDATE");
        assertThat(changersOtherTab.types()).containsExactly("USER_UPDATE");
        assertThat(inBoth.types()).as("one update, though two servers are shared").containsExactly("USER_UPDATE");
        assertThat(inOne.types()).containsExactly("USER_UPDATE");
        assertThat(stranger.types()).isEmpty();
        JsonNode d = FanoutTestKit.JSON.readTree(inOne.dispatches().get(0).frame().text(1)).path("d");
        assertThat(d.path("avatar_url").asString()).isEqualTo("https://cdn/a.png");
        assertThat(d.path("user_id").asString()).isEqualTo("1");
        // a user in no server: only their own sessions
        Connected loner = kit.connect(9);
        kit.router.route(kit.event(dev.guildhall.common.event.Topics.USER_EVENTS, "USER_UPDATE", 0, 0, 9,
                "{\"user_id\":\"9\",\"username\":\"nine\",\"avatar_url\":null,\"bot\":false}"));
        assertThat(loner.types()).containsExactly("USER_UPDATE");
        assertThat(inBoth.types()).hasSize(1);
        assertThat(stranger.types()).isEmpty();
    }

    @Test
    void hiddenChannelEventsReachOnlyWhoMayView() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected owner = kit.connect(1, SERVER);
        Connected member = kit.connect(2, SERVER);
        Connected staff = kit.connect(3, SERVER);
        Connected outsider = kit.connect(4);

        kit.router.route(kit.event("messages", "MESSAGE_CREATE", SERVER, 11, 1, "{\"content\":\"staff only\"}"));

        assertThat(owner.types()).containsExactly("MESSAGE_CREATE");
        assertThat(staff.types()).containsExactly("MESSAGE_CREATE");
        assertThat(member.types()).isEmpty();
        assertThat(outsider.types()).isEmpty();
    }

    @Test
    void eachRecipientJournalsEveryDispatchWithItsOwnSequence() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        member.session().detach(member.session().connection());

        InboundEvent first = kit.event("messages", "MESSAGE_CREATE", SERVER, 10, 1, "{}");
        InboundEvent second = kit.event("messages", "MESSAGE_CREATE", SERVER, 10, 1, "{}");
        kit.router.route(first);
        kit.router.route(second);

        // detached: nothing sent, everything journaled for a later RESUME
        assertThat(member.types()).isEmpty();
        assertThat(kit.journal).containsExactly("session1#2=" + first.eventId(), "session1#3=" + second.eventId());
    }

    @Test
    void intentsFilterFamiliesTheSessionDidNotAskFor() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);
        var typingOnly = new dev.guildhall.websocket.session.GatewaySession("typing", 3,
                new dev.guildhall.websocket.session.Intents(dev.guildhall.websocket.session.Intents.SERVER_MESSAGE_TYPING),
                "t", 0, "online", (s, seq, f) -> { }, kit.clock::get);
        typingOnly.servers().add(SERVER);
        kit.sessions.add(typingOnly);

        kit.router.route(kit.event("messages", "MESSAGE_CREATE", SERVER, 10, 1, "{}"));
        kit.router.route(kit.event("messages", "TYPING_START", SERVER, 10, 1, "{}"));

        assertThat(member.types()).containsExactly("MESSAGE_CREATE", "TYPING_START");
        assertThat(typingOnly.seq()).isEqualTo(1);
    }

    @Test
    void aMessageOvertakingItsChannelWaitsForIt() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected member = kit.connect(2, SERVER);

        kit.router.route(kit.event("messages", "MESSAGE_CREATE", SERVER, 12, 1, "{\"content\":\"early\"}"));
        assertThat(member.types()).isEmpty();
        assertThat(kit.router.parked().size()).isEqualTo(1);

        kit.router.route(kit.event("server-events", "CHANNEL_CREATE", SERVER, 12, 1,
                "{\"channel_id\":\"12\",\"server_id\":\"100\",\"channel_name\":\"new\",\"permission_overwrites\":[]}"));
        assertThat(member.types()).containsExactly("CHANNEL_CREATE", "MESSAGE_CREATE");
    }

    @Test
    void presenceGoesToTheOtherMembersOfSharedServers() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        kit.load(200, FanoutTestKit.snapshot(200));
        Connected self = kit.connect(2, SERVER, 200);
        Connected owner = kit.connect(1, SERVER, 200);
        Connected outsider = kit.connect(4);

        kit.router.route(kit.event("presence", "PRESENCE_UPDATE", 0, 0, 2, "{\"user_id\":\"2\",\"status\":\"idle\"}"));

        assertThat(owner.frames()).extracting(DispatchFrame::type).containsExactly("PRESENCE_UPDATE", "PRESENCE_UPDATE");
        List<String> servers = owner.dispatches().stream()
                .map(d -> FanoutTestKit.JSON.readTree(d.frame().text(d.seq())).path("d").path("server_id").asString())
                .toList();
        assertThat(servers).containsExactlyInAnyOrder("100", "200");
        assertThat(self.types()).isEmpty();
        assertThat(outsider.types()).isEmpty();
    }

    @Test
    void aVoiceServerUpdateReachesOnlyItsUserThoughTheirWholeChannelCanSeeIt() {
        kit.load(SERVER, FanoutTestKit.snapshot(SERVER));
        Connected target = kit.connect(2, SERVER);
        Connected owner = kit.connect(1, SERVER);

        kit.router.route(kit.event("voice-events", "VOICE_SERVER_UPDATE", SERVER, 10, 2,
                "{\"user_id\":\"2\",\"endpoint\":\"ws://media-2/signal\",\"voice_token\":\"secret\"}"));
        kit.router.route(kit.event("voice-events", "VOICE_STATE_UPDATE", SERVER, 10, 2,
                "{\"user_id\":\"2\",\"channel_id\":\"10\"}"));

        assertThat(target.types()).containsExactly("VOICE_SERVER_UPDATE", "VOICE_STATE_UPDATE");
        assertThat(owner.types()).containsExactly("VOICE_STATE_UPDATE");
    }
}
