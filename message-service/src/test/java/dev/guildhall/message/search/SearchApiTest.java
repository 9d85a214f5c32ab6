package dev.guildhall.message.search;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.message.support.Api;
import dev.guildhall.message.support.FakeServer;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchApiTest extends IntegrationTest {

    @Test
    void findsAWordOnlyInChannelsTheCallerMayRead() {
        FakeServer server = stub.server();
        long general = server.channel();
        long random = server.channel();
        long secret = server.channel();
        long mods = server.role();
        server.hide(secret).overwrite(secret, mods, PermissionOverwrite.Type.ROLE, Permission.VIEW_CHANNEL.bit(), 0);
        long member = server.member();
        long moderator = server.member(mods);
        String owner = stub.token(server.owner());

        String first = api.post(messages(general), owner, Api.content("The Kraken rises at dawn")).text("message_id");
        api.post(messages(general), owner, Api.content("nothing to see here"));
        String second = api.post(messages(random), stub.token(member), Api.content("krakens are mythical"))
                .text("message_id");
        String hidden = api.post(messages(secret), stub.token(moderator), Api.content("kraken plans, top secret"))
                .text("message_id");
        String path = "/api/v1/servers/" + server.id() + "/messages/search?q=";

        var seenByMember = api.get(path + "kraken", stub.token(member));
        assertThat(seenByMember.status()).isEqualTo(200);
        assertThat(seenByMember.body().path("total_results").asLong()).isEqualTo(2);
        assertThat(ids(seenByMember)).containsExactly(second, first);

        var seenByModerator = api.get(path + "KRAKEN", stub.token(moderator));
        assertThat(seenByModerator.body().path("total_results").asLong()).isEqualTo(3);
        assertThat(ids(seenByModerator)).containsExactly(hidden, second, first);

        assertThat(ids(api.get(path + "kraken&channel_id=" + general, stub.token(member)))).containsExactly(first);
        assertThat(ids(api.get(path + "kraken&channel_id=" + secret, stub.token(member)))).isEmpty();
        assertThat(ids(api.get(path + "kraken&author_id=" + member, stub.token(member)))).containsExactly(second);
        assertThat(ids(api.get(path + "kraken&before=" + second, stub.token(member)))).containsExactly(first);
        assertThat(ids(api.get(path + "kraken&after=" + first, stub.token(member)))).containsExactly(second);
        var paged = api.get(path + "kraken&limit=1&offset=1", stub.token(moderator));
        assertThat(paged.body().path("total_results").asLong()).isEqualTo(3);
        assertThat(ids(paged)).containsExactly(second);
        assertThat(ids(api.get(path + Api.encode("\"rises at dawn\""), stub.token(member)))).containsExactly(first);

        assertThat(api.get(path + "a", stub.token(member)).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get(path + "kraken", stub.token(stub.user())).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(api.get("/api/v1/servers/" + stub.newId() + "/messages/search?q=kraken", owner).code())
                .isEqualTo("UNKNOWN_SERVER");
    }

    /** Issue 14's BOLA matrix: an outsider's bad query is answered like a good one, 404, so it proves nothing. */
    @Test
    void anOutsidersBadQueryIsAnswered404BeforeTheQueryIsChecked() {
        FakeServer server = stub.server();
        server.channel();
        long member = server.member();
        String path = "/api/v1/servers/" + server.id() + "/messages/search";
        String outsider = stub.token(stub.user());

        for (String query : List.of("", "?q=", "?q=a", "?q=kraken&limit=0", "?q=kraken&offset=-1")) {
            var answer = api.get(path + query, outsider);
            assertThat(answer.status()).as(query).isEqualTo(404);
            assertThat(answer.code()).as(query).isEqualTo("UNKNOWN_SERVER");
        }
        assertThat(api.get(path + "?q=a", stub.token(member)).code()).isEqualTo("VALIDATION_FAILED");
    }

    private static List<String> ids(Api.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.body().path("messages").forEach(m -> ids.add(m.path("message_id").asString()));
        return ids;
    }
}
