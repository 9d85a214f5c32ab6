package dev.guildhall.message.reaction;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReactionApiTest extends IntegrationTest {

    static final String THUMBS = "\uD83D\uDC4D";
    static final String HEART = "\u2764\uFE0F";

    @Test
    void reactionsCountWithMePerCaller() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long alice = server.member();
        long bob = server.member();
        String mid = api.post(messages(channel), stub.token(alice), Api.content("react to me")).text("message_id");
        String reactions = messages(channel) + "/" + mid + "/reactions/";

        assertThat(api.put(reactions + Api.encode(THUMBS) + "/@me", stub.token(alice)).status()).isEqualTo(204);
        assertThat(api.put(reactions + Api.encode(THUMBS) + "/@me", stub.token(alice)).status()).isEqualTo(204);
        assertThat(api.put(reactions + Api.encode(THUMBS) + "/@me", stub.token(bob)).status()).isEqualTo(204);
        assertThat(api.put(reactions + Api.encode(HEART) + "/@me", stub.token(bob)).status()).isEqualTo(204);

        JsonNode seenByAlice = api.get(messages(channel) + "/" + mid, stub.token(alice)).body().path("reactions");
        assertThat(seenByAlice).hasSize(2);
        assertThat(seenByAlice.get(0).path("emoji").asString()).isEqualTo(THUMBS);
        assertThat(seenByAlice.get(0).path("count").asInt()).isEqualTo(2);
        assertThat(seenByAlice.get(0).path("me").asBoolean()).isTrue();
        assertThat(seenByAlice.get(1).path("emoji").asString()).isEqualTo(HEART);
        assertThat(seenByAlice.get(1).path("me").asBoolean()).isFalse();
        JsonNode seenByOwner = api.get(messages(channel), stub.token(server.owner())).body().get(0).path("reactions");
        assertThat(seenByOwner.get(0).path("me").asBoolean()).isFalse();

        var users = api.get(reactions + Api.encode(THUMBS), stub.token(server.owner()));
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).hasSize(2);
        assertThat(users.body().get(0).path("user_id").asString()).isEqualTo(id(Math.min(alice, bob)));
        assertThat(users.body().get(0).path("username").asString()).startsWith("user");
        var paged = api.get(reactions + Api.encode(THUMBS) + "?limit=1&after=" + Math.min(alice, bob),
                stub.token(server.owner()));
        assertThat(paged.body()).hasSize(1);
        assertThat(paged.body().get(0).path("user_id").asString()).isEqualTo(id(Math.max(alice, bob)));

        assertThat(api.delete(reactions + Api.encode(THUMBS) + "/@me", stub.token(alice)).status()).isEqualTo(204);
        assertThat(api.delete(reactions + Api.encode(THUMBS) + "/@me", stub.token(alice)).status()).isEqualTo(204);
        JsonNode after = api.get(messages(channel) + "/" + mid, stub.token(alice)).body().path("reactions");
        assertThat(after.get(0).path("count").asInt()).isEqualTo(1);
        assertThat(after.get(0).path("me").asBoolean()).isFalse();
    }

    @Test
    void atMostTwentyDistinctEmojiPerMessage() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String mid = api.post(messages(channel), token, Api.content("cap")).text("message_id");
        String reactions = messages(channel) + "/" + mid + "/reactions/";
        List<String> emoji = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            emoji.add(new String(Character.toChars(0x1F600 + i)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(api.put(reactions + Api.encode(emoji.get(i)) + "/@me", token).status()).isEqualTo(204);
        }
        var refused = api.put(reactions + Api.encode(emoji.get(20)) + "/@me", token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("LIMIT_REACHED");
        assertThat(refused.body().path("limit").asInt()).isEqualTo(20);
        // one more user on an emoji that is already there is fine
        assertThat(api.put(reactions + Api.encode(emoji.get(0)) + "/@me", stub.token(server.member())).status())
                .isEqualTo(204);
        assertThat(api.get(messages(channel) + "/" + mid, token).body().path("reactions")).hasSize(20);
    }

    @Test
    void refusesNonEmojiUnknownMessagesAndMissingPermission() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long quiet = server.member();
        server.overwrite(channel, quiet, PermissionOverwrite.Type.MEMBER, 0, Permission.ADD_REACTIONS.bit());
        String token = stub.token(server.owner());
        String mid = api.post(messages(channel), token, Api.content("x")).text("message_id");
        String reactions = messages(channel) + "/" + mid + "/reactions/";

        var word = api.put(reactions + "thumbsup/@me", token);
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.code()).isEqualTo("VALIDATION_FAILED");
        // issue 14, finding 9: two emoji are not one reaction
        var two = api.put(reactions + Api.encode(THUMBS + THUMBS) + "/@me", token);
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.put(messages(channel) + "/999/reactions/" + Api.encode(THUMBS) + "/@me", token).code())
                .isEqualTo("UNKNOWN_MESSAGE");
        var denied = api.put(reactions + Api.encode(THUMBS) + "/@me", stub.token(quiet));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api.put(reactions + Api.encode(THUMBS) + "/@me", stub.token(stub.user())).code())
                .isEqualTo("UNKNOWN_CHANNEL");
    }

    @Test
    void togglingAReactionInALoopIsRateLimitedPerUser() {
        // issue 14, finding 9 (ADR 209): 30 adds and removes per 10 s per user, then 429
        FakeServer server = stub.server();
        long channel = server.channel();
        long toggler = server.member();
        String mid = api.post(messages(channel), stub.token(server.owner()), Api.content("toggle me")).text("message_id");
        String reaction = messages(channel) + "/" + mid + "/reactions/" + Api.encode(THUMBS) + "/@me";
        for (int i = 0; i < 30; i++) {
            var answer = i % 2 == 0 ? api.put(reaction, stub.token(toggler)) : api.delete(reaction, stub.token(toggler));
            assertThat(answer.status()).as("toggle %d", i).isEqualTo(204);
        }
        var refused = api.put(reaction, stub.token(toggler));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        // another member is not held back by it
        assertThat(api.put(reaction, stub.token(server.member())).status()).isEqualTo(204);
    }
}
