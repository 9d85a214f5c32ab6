package dev.guildhall.message.readstate;

import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadStateApiTest extends IntegrationTest {

    @Test
    void ackMovesTheMarkerAndTheInternalEndpointCountsUnreadAndMentions() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long reader = server.member();
        long writer = server.member();
        String first = api.post(messages(channel), stub.token(reader), Api.content("I was here")).text("message_id");
        api.post(messages(channel), stub.token(writer), Api.content("hello <@" + reader + ">"));
        api.post(messages(channel), stub.token(writer), Api.content("@everyone meeting"));
        String last = api.post(messages(channel), stub.token(writer), Api.content("plain")).text("message_id");

        JsonNode state = readState(reader, channel);
        assertThat(state.path("last_message_id").asString()).isEqualTo(first); // sending marks your own message read
        assertThat(state.path("server_id").asString()).isEqualTo(id(server.id()));
        assertThat(state.path("unread_count").asInt()).isEqualTo(3);
        assertThat(state.path("mention_count").asInt()).isEqualTo(2);

        assertThat(api.post(messages(channel) + "/" + last + "/ack", stub.token(reader), null).status())
                .isEqualTo(204);
        state = readState(reader, channel);
        assertThat(state.path("last_message_id").asString()).isEqualTo(last);
        assertThat(state.path("unread_count").asInt()).isZero();
        assertThat(state.path("mention_count").asInt()).isZero();

        // never backwards
        assertThat(api.post(messages(channel) + "/" + first + "/ack", stub.token(reader), null).status())
                .isEqualTo(204);
        assertThat(readState(reader, channel).path("last_message_id").asString()).isEqualTo(last);
        assertThat(api.post(messages(channel) + "/777/ack", stub.token(reader), null).code())
                .isEqualTo("UNKNOWN_MESSAGE");
        assertThat(api.post(messages(channel) + "/" + last + "/ack", stub.token(stub.user()), null).code())
                .isEqualTo("UNKNOWN_CHANNEL");
    }

    @Test
    void aNewDmStartsReadForBoth() {
        long alice = stub.user();
        long bob = stub.user();
        String channel = api.post("/api/v1/users/@me/channels", stub.token(alice), Map.of("recipient_id", id(bob)))
                .text("channel_id");
        assertThat(readState(bob, Long.parseLong(channel)).path("unread_count").asInt()).isZero();
        api.post("/api/v1/channels/" + channel + "/messages", stub.token(alice), Api.content("psst"));
        JsonNode state = readState(bob, Long.parseLong(channel));
        assertThat(state.path("unread_count").asInt()).isEqualTo(1);
        assertThat(state.path("server_id").isNull()).isTrue();
    }

    private JsonNode readState(long user, long channel) {
        var r = api.send("GET", "/internal/read-states?user_id=" + user, null, null,
                Map.of("X-Guildhall-Internal-Token", StubServices.INTERNAL_TOKEN));
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode s : r.body()) {
            if (s.path("channel_id").asString().equals(id(channel))) {
                return s;
            }
        }
        throw new AssertionError("no read state for channel " + channel + " in " + r.body());
    }
}
