package dev.guildhall.message.dm;

import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class DmApiTest extends IntegrationTest {

    /** Real concurrency: the common pool has one thread on a 2-core machine. */
    static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(20);

    static final String DMS = "/api/v1/users/@me/channels";

    @Test
    void openingTwiceFromEitherSideGivesTheSameChannel() {
        long alice = stub.user();
        long bob = stub.user();
        var first = api.post(DMS, stub.token(alice), Map.of("recipient_id", id(bob)));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("channel_type")).isEqualTo("dm");
        assertThat(first.body().path("server_id").isNull()).isTrue();
        assertThat(first.body().path("recipients").get(0).path("user_id").asString()).isEqualTo(id(bob));
        assertThat(first.body().path("recipients").get(0).path("username").asString()).isEqualTo(stub.username(bob));
        String channel = first.text("channel_id");

        assertThat(api.post(DMS, stub.token(alice), Map.of("recipient_id", id(bob))).text("channel_id"))
                .isEqualTo(channel);
        var fromBob = api.post(DMS, stub.token(bob), Map.of("recipient_id", id(alice)));
        assertThat(fromBob.text("channel_id")).isEqualTo(channel);
        assertThat(fromBob.body().path("recipients").get(0).path("user_id").asString()).isEqualTo(id(alice));

        var list = api.get(DMS, stub.token(bob));
        assertThat(list.body()).hasSize(1);
        assertThat(list.body().get(0).path("channel_id").asString()).isEqualTo(channel);
    }

    @Test
    void concurrentOpensAgreeOnOneChannel() {
        long alice = stub.user();
        long bob = stub.user();
        List<CompletableFuture<String>> opens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long from = i % 2 == 0 ? alice : bob;
            long to = i % 2 == 0 ? bob : alice;
            opens.add(CompletableFuture.supplyAsync(() ->
                    api.post(DMS, stub.token(from), Map.of("recipient_id", id(to))).text("channel_id"), POOL));
        }
        assertThat(opens.stream().map(CompletableFuture::join).distinct()).hasSize(1);
    }

    @Test
    void participantsTalkAndOutsidersGetNotFound() {
        long alice = stub.user();
        long bob = stub.user();
        long eve = stub.user();
        String channel = api.post(DMS, stub.token(alice), Map.of("recipient_id", id(bob))).text("channel_id");
        String path = "/api/v1/channels/" + channel + "/messages";

        var sent = api.post(path, stub.token(alice), Api.content("hi bob <@" + bob + "> @everyone"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("server_id").isNull()).isTrue();
        assertThat(sent.body().path("mention_everyone").asBoolean()).isFalse();
        String mid = sent.text("message_id");
        assertThat(api.post(path, stub.token(bob), Api.content("hi alice")).status()).isEqualTo(200);
        assertThat(api.get(path, stub.token(bob)).body()).hasSize(2);
        assertThat(api.put("/api/v1/channels/" + channel + "/pins/" + mid, stub.token(bob)).status()).isEqualTo(204);
        assertThat(api.delete(path + "/" + mid, stub.token(bob)).code()).isEqualTo("MISSING_PERMISSIONS");

        for (Api.Response r : List.of(api.get(path, stub.token(eve)), api.get(path + "/" + mid, stub.token(eve)),
                api.post(path, stub.token(eve), Api.content("let me in")))) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("UNKNOWN_CHANNEL");
        }
    }

    @Test
    void recipientMustExistAndBeSomeoneElse() {
        long alice = stub.user();
        var unknown = api.post(DMS, stub.token(alice), Map.of("recipient_id", id(stub.newId())));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_USER");
        assertThat(api.post(DMS, stub.token(alice), Map.of("recipient_id", id(alice))).code())
                .isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(DMS, stub.token(alice), Map.of()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(DMS, stub.token(alice), Map.of("recipient_id", "bob")).code()).isEqualTo("INVALID_ID");
    }
}
