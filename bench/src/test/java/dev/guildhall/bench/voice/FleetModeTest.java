package dev.guildhall.bench.voice;

import dev.guildhall.bench.common.JsonHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetModeTest {

    @Test
    void theGatewayTurnsFleetModeOnAndSignUpGoesThroughItUnlessTheServicesAreGiven() {
        VoiceBenchOptions viaGateway = VoiceBenchOptions.parse("--target", "http://localhost:19124",
                "--gateway", "http://localhost:19116/");
        assertThat(viaGateway.fleet()).isTrue();
        assertThat(viaGateway.gateway().toString()).isEqualTo("http://localhost:19116");
        assertThat(viaGateway.authUrl()).isEqualTo(viaGateway.gateway());
        assertThat(viaGateway.serverUrl()).isEqualTo(viaGateway.gateway());

        VoiceBenchOptions direct = VoiceBenchOptions.parse("--target", "http://localhost:19112");
        assertThat(direct.fleet()).isFalse();

        VoiceBenchOptions services = VoiceBenchOptions.parse("--target", "http://h:1", "--gateway", "http://h:2",
                "--auth-url", "http://h:3", "--server-url", "http://h:4");
        assertThat(services.authUrl().toString()).isEqualTo("http://h:3");
        assertThat(services.serverUrl().toString()).isEqualTo("http://h:4");
    }

    @Test
    void fleetOnlyOptionsWithoutAGatewayAreRefused() {
        assertThatThrownBy(() -> VoiceBenchOptions.parse("--target", "http://h:1", "--world", "w.json"))
                .hasMessageContaining("--gateway");
    }

    @Test
    void theWorldHasAServerPerConferenceOfTheLargestStepAndMembersForItsFullestConference() {
        VoiceBenchOptions o = VoiceBenchOptions.parse("--target", "http://h:1", "--gateway", "http://h:2",
                "--endpoints", "12,20", "--conference-size", "6");
        assertThat(o.serversNeeded()).as("20 endpoints in conferences of 6: 4").isEqualTo(4);
        assertThat(o.membersPerServer()).as("20 in 4 conferences: 5 each; 12 in 2: 6 each").isEqualTo(6);
        assertThat(o.primingEndpoints()).isEqualTo(6);

        VoiceBenchOptions pairs = VoiceBenchOptions.parse("--target", "http://h:1", "--gateway", "http://h:2",
                "--endpoints", "8", "--conference-size", "2");
        assertThat(pairs.primingEndpoints()).as("no more than a server has members").isEqualTo(2);
        VoiceBenchOptions directPairs = VoiceBenchOptions.parse("--target", "http://h:1", "--endpoints", "8",
                "--conference-size", "2");
        assertThat(directPairs.primingEndpoints()).isEqualTo(6);
    }

    @Test
    void everyUserIsAMemberOfExactlyOneServerAndEndpointSlotsMapOntoMembers() {
        List<List<Integer>> layout = FleetWorld.layout(3, 4);
        assertThat(layout).containsExactly(List.of(0, 3, 6, 9), List.of(1, 4, 7, 10), List.of(2, 5, 8, 11));
        // endpoint i of a step with 3 conferences is in conference i % 3 at slot i / 3: user i, one join per user
        for (int i = 0; i < 12; i++) {
            assertThat(layout.get(i % 3).get(i / 3)).isEqualTo(i);
        }
    }

    @Test
    void aSavedWorldIsReusedOnlyWhenItHasThisRunsShape() {
        JsonNode world = JsonHttp.JSON.readTree("""
                {"users":[{},{},{},{}],
                 "servers":[{"id":"1","voice_channel":"10","members":[0,2]},{"id":"2","voice_channel":"20","members":[1,3]}]}""");
        assertThat(FleetWorld.fits(world, 2, 2)).isTrue();
        assertThat(FleetWorld.fits(world, 1, 4)).isFalse();
        assertThat(FleetWorld.fits(world, 2, 3)).isFalse();
        JsonNode noVoice = JsonHttp.JSON.readTree("""
                {"users":[{},{}],"servers":[{"id":"1","members":[0,1]}]}""");
        assertThat(FleetWorld.fits(noVoice, 1, 2)).as("a world from before voice channels were saved").isFalse();
    }

    @Test
    void theJoinsAnswerGivesTheEndpointAndToken() {
        JsonHttp.Reply ok = new JsonHttp.Reply(200, JsonHttp.JSON.readTree(
                "{\"voice_token\":\"t\",\"endpoint\":\"ws://localhost:19116/media/media-1/signal\",\"session_id\":\"s\"}"),
                "");
        Joins.Ticket ticket = FleetJoins.ticket(ok);
        assertThat(ticket.endpoint().toString()).isEqualTo("ws://localhost:19116/media/media-1/signal");
        assertThat(ticket.voiceToken()).isEqualTo("t");
        assertThatThrownBy(() -> FleetJoins.ticket(new JsonHttp.Reply(200, JsonHttp.JSON.readTree("{}"), "{}")))
                .hasMessageContaining("endpoint");
    }

    @Test
    void theNodePidComesFromTheLaunchersPidFile(@TempDir Path data) throws IOException {
        assertThat(FleetPids.mediaNode(data)).as("no pid file: no node CPU").isZero();
        Files.createDirectories(data.resolve("run"));
        Files.writeString(data.resolve("run").resolve("media-node.pid"), "4242 1764127000000\n");
        assertThat(FleetPids.mediaNode(data)).isEqualTo(4242);
        assertThat(FleetPids.parse("garbage")).isZero();
        assertThat(FleetPids.parse("-1 0")).isZero();

        VoiceBenchOptions o = VoiceBenchOptions.parse("--target", "http://h:1", "--gateway", "http://h:2",
                "--fleet-data", data.toString());
        assertThat(o.nodePid()).isEqualTo(4242);
    }
}
