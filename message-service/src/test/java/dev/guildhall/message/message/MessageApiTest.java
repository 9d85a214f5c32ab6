package dev.guildhall.message.message;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageApiTest extends IntegrationTest {

    /** Real concurrency: the common pool has one thread on a 2-core machine. */
    static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(20);

    @Test
    void sendAnswersTheMessageObjectWithRateLimitHeaders() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long user = server.member();
        var sent = api.post(messages(channel), stub.token(user), Map.of("content", "  hello <@" + server.owner() + ">  ",
                "nonce", "n-1"));

        assertThat(sent.status()).isEqualTo(200);
        JsonNode m = sent.body();
        assertThat(m.path("message_id").asString()).matches("\\d+");
        assertThat(m.path("channel_id").asString()).isEqualTo(id(channel));
        assertThat(m.path("server_id").asString()).isEqualTo(id(server.id()));
        assertThat(m.path("user_id").asString()).isEqualTo(id(user));
        assertThat(m.path("author").path("user_id").asString()).isEqualTo(id(user));
        assertThat(m.path("author").path("username").asString()).isEqualTo(stub.username(user));
        assertThat(m.has("avatar_url") || m.path("author").has("avatar_url")).isTrue();
        assertThat(m.path("content").asString()).isEqualTo("hello <@" + server.owner() + ">");
        assertThat(m.path("created_at").asString()).endsWith("Z");
        assertThat(m.path("edited_at").isNull()).isTrue();
        assertThat(m.path("reply_to").isNull()).isTrue();
        assertThat(m.path("attachments").isArray()).isTrue();
        assertThat(m.path("reactions").isArray()).isTrue();
        assertThat(m.path("mentions").get(0).asString()).isEqualTo(id(server.owner()));
        assertThat(m.path("mention_roles").isArray()).isTrue();
        assertThat(m.path("mention_everyone").asBoolean()).isFalse();
        assertThat(m.path("pinned").asBoolean()).isFalse();
        assertThat(m.path("nonce").asString()).isEqualTo("n-1");
        assertThat(sent.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(sent.header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(sent.header("X-RateLimit-Bucket")).isEqualTo("messages:" + channel);

        var fetched = api.get(messages(channel) + "/" + m.path("message_id").asString(), stub.token(user));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(m);
    }

    @Test
    void repliesCarryASummaryOfTheOriginal() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        String original = api.post(messages(channel), token, Api.content("x".repeat(150))).text("message_id");
        var reply = api.post(messages(channel), token, Map.of("content", "answer", "reply_to", original));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode summary = reply.body().path("reply_to");
        assertThat(summary.path("message_id").asString()).isEqualTo(original);
        assertThat(summary.path("user_id").asString()).isEqualTo(id(server.owner()));
        assertThat(summary.path("content").asString()).hasSize(ReplyView.EXCERPT_LENGTH);

        var unknown = api.post(messages(channel), token, Map.of("content", "answer", "reply_to", "12345"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknown.body().path("errors").has("reply_to")).isTrue();
    }

    @Test
    void everyoneIsEffectiveOnlyWithMentionEveryone() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long user = server.member();
        long role = server.role(Permission.MENTION_EVERYONE);
        server.everyone(Permission.DEFAULT_EVERYONE & ~Permission.MENTION_EVERYONE.bit());
        long herald = server.member(role);

        var plain = api.post(messages(channel), stub.token(user), Api.content("@everyone hi <@&" + role + ">"));
        assertThat(plain.body().path("mention_everyone").asBoolean()).isFalse();
        assertThat(plain.body().path("mention_roles").get(0).asString()).isEqualTo(id(role));
        var loud = api.post(messages(channel), stub.token(herald), Api.content("@here hi"));
        assertThat(loud.body().path("mention_everyone").asBoolean()).isTrue();
    }

    @Test
    void historyPagesNewestFirstBeforeAfterAndAround() {
        FakeServer server = stub.server();
        long channel = server.channel();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long author = i % 3 == 0 ? server.owner() : server.member(); // stay under 5 sends per user
            ids.add(api.post(messages(channel), stub.token(author), Api.content("m" + i)).text("message_id"));
        }
        String token = stub.token(server.owner());

        assertThat(page(messages(channel) + "?limit=5", token)).containsExactly(ids(ids, 11, 10, 9, 8, 7));
        assertThat(page(messages(channel), token)).hasSize(12).first().isEqualTo(ids.get(11));
        assertThat(page(messages(channel) + "?limit=3&before=" + ids.get(7), token)).containsExactly(ids(ids, 6, 5, 4));
        assertThat(page(messages(channel) + "?limit=3&after=" + ids.get(2), token)).containsExactly(ids(ids, 5, 4, 3));
        assertThat(page(messages(channel) + "?limit=5&around=" + ids.get(6), token)).containsExactly(ids(ids, 8, 7, 6, 5, 4));
        assertThat(page(messages(channel) + "?limit=4&around=" + ids.get(11), token)).containsExactly(ids(ids, 11, 10, 9));
        assertThat(page(messages(channel) + "?before=" + ids.get(0), token)).isEmpty();

        assertThat(api.get(messages(channel) + "?limit=101", token).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get(messages(channel) + "?limit=0", token).status()).isEqualTo(400);
        assertThat(api.get(messages(channel) + "?before=1&after=2", token).status()).isEqualTo(400);
        assertThat(api.get(messages(channel) + "?before=abc", token).code()).isEqualTo("INVALID_ID");
    }

    @Test
    void onlyTheAuthorEdits() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long author = server.member();
        long moderator = server.member(server.role(Permission.MANAGE_MESSAGES));
        String mid = api.post(messages(channel), stub.token(author), Api.content("first")).text("message_id");

        var forbidden = api.patch(messages(channel) + "/" + mid, stub.token(moderator), Api.content("hijack"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("NOT_MESSAGE_AUTHOR");

        var edited = api.patch(messages(channel) + "/" + mid, stub.token(author), Api.content("second <@" + moderator + ">"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.text("content")).isEqualTo("second <@" + moderator + ">");
        assertThat(edited.body().path("edited_at").isNull()).isFalse();
        assertThat(edited.body().path("mentions").get(0).asString()).isEqualTo(id(moderator));
        assertThat(api.get(messages(channel) + "/" + mid, stub.token(author)).text("content"))
                .isEqualTo("second <@" + moderator + ">");

        assertThat(api.patch(messages(channel) + "/" + mid, stub.token(author), Api.content(" ")).status())
                .isEqualTo(400);
        assertThat(api.patch(messages(channel) + "/424242", stub.token(author), Api.content("x")).code())
                .isEqualTo("UNKNOWN_MESSAGE");
    }

    @Test
    void authorOrManageMessagesDeletes() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long author = server.member();
        long other = server.member();
        long moderator = server.member(server.role(Permission.MANAGE_MESSAGES));
        String first = api.post(messages(channel), stub.token(author), Api.content("one")).text("message_id");
        String second = api.post(messages(channel), stub.token(author), Api.content("two")).text("message_id");

        var refused = api.delete(messages(channel) + "/" + first, stub.token(other));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api.delete(messages(channel) + "/" + first, stub.token(moderator)).status()).isEqualTo(204);
        assertThat(api.delete(messages(channel) + "/" + second, stub.token(author)).status()).isEqualTo(204);
        assertThat(api.get(messages(channel) + "/" + first, stub.token(author)).code()).isEqualTo("UNKNOWN_MESSAGE");
        assertThat(page(messages(channel), stub.token(author))).isEmpty();
    }

    @Test
    void withoutPermissionTheChannelIsUnknown() {
        FakeServer server = stub.server();
        long secret = server.channel();
        server.hide(secret);
        long member = server.member();
        long outsider = stub.user();
        String ownerToken = stub.token(server.owner());
        String mid = api.post(messages(secret), ownerToken, Api.content("classified")).text("message_id");

        for (long user : new long[] {member, outsider}) {
            String token = stub.token(user);
            for (Api.Response r : List.of(
                    api.get(messages(secret), token),
                    api.get(messages(secret) + "/" + mid, token),
                    api.post(messages(secret), token, Api.content("let me in")),
                    api.patch(messages(secret) + "/" + mid, token, Api.content("x")),
                    api.delete(messages(secret) + "/" + mid, token),
                    api.post("/api/v1/channels/" + secret + "/typing", token, null))) {
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.code()).isEqualTo("UNKNOWN_CHANNEL");
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        assertThat(api.get(messages(stub.newId()), ownerToken).code()).isEqualTo("UNKNOWN_CHANNEL");

        // seeing without sending: 403, not 404
        long readOnly = server.channel();
        server.overwrite(readOnly, server.id(), PermissionOverwrite.Type.ROLE, 0, Permission.SEND_MESSAGES.bit());
        var cannotSend = api.post(messages(readOnly), stub.token(member), Api.content("hi"));
        assertThat(cannotSend.status()).isEqualTo(403);
        assertThat(cannotSend.code()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api.get(messages(readOnly), stub.token(member)).status()).isEqualTo(200);
    }

    @Test
    void aRetriedNonceReturnsTheOriginal() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long user = server.member();
        long other = server.member();
        var first = api.post(messages(channel), stub.token(user), Map.of("content", "once", "nonce", "abc"));
        var retry = api.post(messages(channel), stub.token(user), Map.of("content", "once", "nonce", "abc"));
        var otherUser = api.post(messages(channel), stub.token(other), Map.of("content", "once", "nonce", "abc"));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("message_id")).isEqualTo(first.text("message_id"));
        assertThat(retry.text("nonce")).isEqualTo("abc");
        assertThat(otherUser.text("message_id")).isNotEqualTo(first.text("message_id"));
        assertThat(page(messages(channel), stub.token(user))).hasSize(2);
    }

    @Test
    void theSixthMessageInFiveSecondsIsRateLimited() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.member());
        for (int i = 0; i < 5; i++) {
            assertThat(api.post(messages(channel), token, Api.content("burst " + i)).status()).isEqualTo(200);
        }
        var limited = api.post(messages(channel), token, Api.content("one too many"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Reset")).isNotBlank();
        assertThat(Double.parseDouble(limited.header("X-RateLimit-Reset-After"))).isBetween(0.0, 5.0);
        assertThat(limited.header("X-RateLimit-Bucket")).isEqualTo("messages:" + channel);
        assertThat(limited.body().path("retry_after").asDouble()).isBetween(0.0, 5.0);
        assertThat(limited.body().path("global").asBoolean()).isFalse();
        // per channel: another channel is not affected
        assertThat(api.post(messages(server.channel()), token, Api.content("elsewhere")).status()).isEqualTo(200);
    }

    @Test
    void aConcurrentBurstGetsExactlyFiveThrough() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.member());
        api.get(messages(channel), token); // permissions cached: the burst measures the limiter
        List<java.util.concurrent.CompletableFuture<Integer>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String content = "burst " + i;
            burst.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.post(messages(channel), token, Api.content(content)).status(), POOL));
        }
        List<Integer> statuses = burst.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
        assertThat(page(messages(channel), token)).hasSize(5);
    }

    @Test
    void concurrentRetriesOfOneNonceMakeOneMessage() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.member());
        api.get(messages(channel), token);
        List<java.util.concurrent.CompletableFuture<String>> retries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            retries.add(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    api.post(messages(channel), token, Map.of("content", "same", "nonce", "race")).text("message_id"), POOL));
        }
        assertThat(retries.stream().map(java.util.concurrent.CompletableFuture::join).distinct()).hasSize(1);
        assertThat(page(messages(channel), token)).hasSize(1);
    }

    @Test
    void invalidContentIsRefusedWithAStableCode() {
        FakeServer server = stub.server();
        long channel = server.channel();
        String token = stub.token(server.owner());
        Map<String, Object> cases = new HashMap<>();
        cases.put("", "must not be empty");
        cases.put("   \n ", "must not be empty");
        cases.put("y".repeat(4001), "must be at most 4000 characters (was 4001)");
        cases.put("bell\u0007", "must not contain control character U+0007");
        cases.forEach((content, message) -> {
            var r = api.post(messages(channel), token, Api.content(content));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(r.body().path("errors").path("content").asString()).isEqualTo(message);
        });
        var missing = api.post(messages(channel), token, Map.of("nonce", "x"));
        assertThat(missing.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(missing.body().path("errors").has("content")).isTrue();
        assertThat(api.post(messages(channel), token, "{not json").code()).isEqualTo("MALFORMED_JSON");
        assertThat(api.post(messages(channel), token, Api.content("z".repeat(4000))).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/channels/abc/messages", token, Api.content("x")).code()).isEqualTo("INVALID_ID");
    }

    private List<String> page(String path, String token) {
        var r = api.get(path, token);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        List<String> result = new ArrayList<>();
        r.body().forEach(m -> result.add(m.path("message_id").asString()));
        return result;
    }

    private static String[] ids(List<String> ids, int... indexes) {
        String[] result = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            result[i] = ids.get(indexes[i]);
        }
        return result;
    }
}
