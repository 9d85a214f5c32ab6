package dev.guildhall.message.pin;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PinApiTest extends IntegrationTest {

    @Test
    void manageMessagesPinsAtMostFiftyPerChannel() {
        FakeServer server = stub.server();
        long channel = server.channel();
        long moderator = server.member(server.role(Permission.MANAGE_MESSAGES));
        String mod = stub.token(moderator);
        List<String> ids = new ArrayList<>();
        long author = 0;
        for (int i = 0; i < 51; i++) {
            if (i % 5 == 0) {
                author = server.member(); // five sends per user and channel per window
            }
            ids.add(api.post(messages(channel), stub.token(author), Api.content("pin me " + i)).text("message_id"));
        }
        String pins = "/api/v1/channels/" + channel + "/pins/";

        var member = api.put(pins + ids.get(0), stub.token(server.member()));
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.code()).isEqualTo("MISSING_PERMISSIONS");
        for (int i = 0; i < 50; i++) {
            assertThat(api.put(pins + ids.get(i), mod).status()).isEqualTo(204);
        }
        assertThat(api.put(pins + ids.get(0), mod).status()).isEqualTo(204); // again: no change
        var over = api.put(pins + ids.get(50), mod);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.code()).isEqualTo("LIMIT_REACHED");

        var list = api.get("/api/v1/channels/" + channel + "/pins", stub.token(author));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).hasSize(50);
        assertThat(list.body().get(0).path("pinned").asBoolean()).isTrue();
        assertThat(list.body().get(0).path("message_id").asString()).isEqualTo(ids.get(49));

        assertThat(api.delete(pins + ids.get(49), mod).status()).isEqualTo(204);
        assertThat(api.get(messages(channel) + "/" + ids.get(49), mod).body().path("pinned").asBoolean()).isFalse();
        assertThat(api.put(pins + ids.get(50), mod).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/channels/" + channel + "/pins", mod).body().get(0).path("message_id").asString())
                .isEqualTo(ids.get(50));
        assertThat(api.put(pins + "4242", mod).code()).isEqualTo("UNKNOWN_MESSAGE");
    }
}
