package dev.guildhall.message.internal;

import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import dev.guildhall.message.support.StubServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reactions on the internal write path (ADR 165): the auto-responses' system bot reacting to a trigger. */
class InternalReactionApiTest extends IntegrationTest {

    private static final String WAVE = "👋";
    private static final Map<String, String> INTERNAL = Map.of("X-Guildhall-Internal-Token",
            StubServices.INTERNAL_TOKEN);
    /** The system bot is no member of the server. */
    private static final long SYSTEM_BOT = 1_579_084_208_439_578_624L;

    private static String path(long channel, String message, String emoji, long user) {
        return "/internal/channels/" + channel + "/messages/" + message + "/reactions/" + Api.encode(emoji) + "/" + user;
    }

    @Test
    void aTrustedWriterReactsForAUserWhoIsNoMember() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long member = server.member();
        String mid = api.post(messages(channel), stub.token(member), Api.content("hello there")).text("message_id");

        assertThat(api.send("PUT", path(channel, mid, WAVE, SYSTEM_BOT), null, null, INTERNAL).status())
                .isEqualTo(204);
        // twice is once
        assertThat(api.send("PUT", path(channel, mid, WAVE, SYSTEM_BOT), null, null, INTERNAL).status())
                .isEqualTo(204);

        JsonNode reactions = api.get(messages(channel) + "/" + mid, stub.token(member)).body().path("reactions");
        assertThat(reactions).hasSize(1);
        assertThat(reactions.get(0).path("emoji").asString()).isEqualTo(WAVE);
        assertThat(reactions.get(0).path("count").asInt()).isEqualTo(1);
        JsonNode users = api.get(messages(channel) + "/" + mid + "/reactions/" + Api.encode(WAVE), stub.token(member))
                .body();
        assertThat(users.get(0).path("user_id").asString()).isEqualTo(Long.toString(SYSTEM_BOT));
    }

    @Test
    void theInternalTokenIsRequiredAndBadInputIsAProblem() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long member = server.member();
        String mid = api.post(messages(channel), stub.token(member), Api.content("x")).text("message_id");

        assertThat(api.send("PUT", path(channel, mid, WAVE, SYSTEM_BOT), null, null, Map.of()).status())
                .isEqualTo(401);
        assertThat(api.send("PUT", path(channel, mid, "not an emoji", SYSTEM_BOT), null, null, INTERNAL).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.send("PUT", path(channel, "999", WAVE, SYSTEM_BOT), null, null, INTERNAL).code())
                .isEqualTo("UNKNOWN_MESSAGE");
        assertThat(api.send("PUT", path(channel, mid, WAVE, 0), null, null, INTERNAL).code())
                .isEqualTo("INVALID_ID");
        JsonNode reactions = api.get(messages(channel) + "/" + mid, stub.token(member)).body().path("reactions");
        assertThat(reactions).isEmpty();
    }
}
