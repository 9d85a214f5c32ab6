package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group DMs over live gateway WebSockets on the real fleet (issue 11, ADR 199, 231): three recipients each receive a
 * message once; a removed recipient hears of the removal, then of nothing, and reads no history; a rename reaches
 * the current recipients as CHANNEL_UPDATE.
 */
class GroupDmLiveTest {

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void threeRecipientsReceiveEachMessageOnceAndARemovedOneNothingMore() {
        User ann = Scenario.register(api, "gann");
        User ben = Scenario.register(api, "gben");
        User cat = Scenario.register(api, "gcat");
        User dan = Scenario.register(api, "gdan");
        Response created = api.post("/api/v1/users/@me/channels", ann.token(),
                map("recipient_ids", List.of(ben.id(), cat.id())));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String channel = created.text("channel_id");

        try (LiveSocket annLive = LiveSocket.identify(LiveSocket.gatewayUrl(), ann.token());
             LiveSocket benLive = LiveSocket.identify(LiveSocket.gatewayUrl(), ben.token());
             LiveSocket catLive = LiveSocket.identify(LiveSocket.gatewayUrl(), cat.token())) {
            String first = Scenario.send(api, ben, channel, "hello group").text("message_id");
            for (LiveSocket live : List.of(annLive, benLive, catLive)) {
                assertThat(live.dispatch("MESSAGE_CREATE", "message_id", first, 30)).isNotNull();
            }

            // dan joins: everyone in it hears CHANNEL_RECIPIENT_ADD
            assertThat(api.put("/api/v1/channels/" + channel + "/recipients/" + dan.id(), ann.token(), null).status())
                    .isEqualTo(204);
            assertThat(catLive.next(f -> isRecipientEvent(f, "CHANNEL_RECIPIENT_ADD", dan.id()), 30)).isNotNull();

            // cat is removed: cat hears of it, then of nothing in the channel, and reads no history
            assertThat(api.delete("/api/v1/channels/" + channel + "/recipients/" + cat.id(), ann.token()).status())
                    .isEqualTo(204);
            assertThat(catLive.next(f -> isRecipientEvent(f, "CHANNEL_RECIPIENT_REMOVE", cat.id()), 30)).isNotNull();
            assertThat(benLive.next(f -> isRecipientEvent(f, "CHANNEL_RECIPIENT_REMOVE", cat.id()), 30)).isNotNull();
            assertThat(api.get("/api/v1/channels/" + channel + "/messages?limit=10", cat.token()).status())
                    .isEqualTo(404);

            // a non-owner renames it (ADR 231): the current recipients hear CHANNEL_UPDATE
            Response renamed = api.patch("/api/v1/channels/" + channel, ben.token(), map("name", "Trip"));
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
            assertThat(renamed.text("name")).isEqualTo("Trip");
            assertThat(annLive.dispatch("CHANNEL_UPDATE", "channel_id", channel, 30).path("d").path("name").asString())
                    .isEqualTo("Trip");

            String second = Scenario.send(api, ann, channel, "cat is gone").text("message_id");
            assertThat(benLive.dispatch("MESSAGE_CREATE", "message_id", second, 30)).isNotNull();
            assertThat(annLive.dispatch("MESSAGE_CREATE", "message_id", second, 30)).isNotNull();
            // delivered after the removal: had cat's session been sent anything, it would be here by now
            for (LiveSocket live : List.of(annLive, benLive, catLive)) {
                assertThat(live.frames().stream().filter(f -> "MESSAGE_CREATE".equals(f.path("t").asString())
                        && first.equals(f.path("d").path("message_id").asString())).count())
                        .as("the first message exactly once").isEqualTo(1);
            }
            assertThat(catLive.dispatch("MESSAGE_CREATE", "message_id", second, 3)).as("nothing after the removal").isNull();
            assertThat(catLive.saw("CHANNEL_UPDATE", "channel_id", channel)).isFalse();
        }
    }

    private static boolean isRecipientEvent(JsonNode frame, String type, String userId) {
        return frame.path("op").asInt() == 0 && type.equals(frame.path("t").asString())
                && userId.equals(frame.path("d").path("user").path("user_id").asString());
    }
}
