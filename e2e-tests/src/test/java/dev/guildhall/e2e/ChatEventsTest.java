package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message event through the whole path (REST through the gateway → message-service →
 * outbox → Kafka → websocket-service → the other member's socket): create, edit, reactions, pins,
 * typing, delete; a channel hidden by an overwrite; a DM; search limited to what the caller may see.
 * Both members' sockets are on websocket-service-2 so a permission change seen on A's socket has
 * been applied by the node that serves B.
 */
class ChatEventsTest {

    static final String THUMBS_UP = "\uD83D\uDC4D";
    static final String THUMBS_UP_PATH = "%F0%9F%91%8D";
    static final int WAIT = 30;

    static Api api;

    @BeforeAll
    static void fleet() {
        api = Scenario.api();
    }

    @Test
    void messageEventsReachTheOtherMemberAndHiddenChannelsStayHidden() throws Exception {
        User a = Scenario.register(api, "ann");
        User b = Scenario.register(api, "ben");
        User c = Scenario.register(api, "cid");
        Server server = Scenario.server(api, a, b);
        String general = server.general();
        String node = LiveSocket.nodeUrl("websocket-service-2");

        try (LiveSocket aLive = LiveSocket.identify(node, a.token());
             LiveSocket bLive = LiveSocket.identify(node, b.token())) {

            // create
            Response sent = Scenario.send(api, a, general, "first words");
            String messageId = sent.text("message_id");
            JsonNode created = bLive.dispatch("MESSAGE_CREATE", "message_id", messageId, WAIT);
            assertThat(created).as("B gets MESSAGE_CREATE").isNotNull();
            assertThat(created.path("d").path("content").asString()).isEqualTo("first words");
            assertThat(created.path("d").path("channel_id").asString()).isEqualTo(general);
            assertThat(created.path("d").path("user_id").asString()).isEqualTo(a.id());
            assertThat(created.path("d").path("author").path("user_id").asString()).isEqualTo(a.id());
            String messagePath = "/api/v1/channels/" + general + "/messages/" + messageId;

            // edit
            Response edited = api.patch(messagePath, a.token(), map("content", "second thoughts"));
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            assertThat(edited.text("edited_at")).isNotBlank();
            JsonNode update = bLive.dispatch("MESSAGE_UPDATE", "message_id", messageId, WAIT);
            assertThat(update).as("B gets MESSAGE_UPDATE").isNotNull();
            assertThat(update.path("d").path("content").asString()).isEqualTo("second thoughts");
            assertThat(update.path("d").path("edited_at").isNull()).isFalse();
            assertThat(update.path("d").path("edited_at").asString()).isNotBlank();

            // reaction by B, seen by A
            Response react = api.put(messagePath + "/reactions/" + THUMBS_UP_PATH + "/@me", b.token(), null);
            assertThat(react.status()).as(react.toString()).isIn(200, 204);
            JsonNode reactionAdd = aLive.dispatch("MESSAGE_REACTION_ADD", "message_id", messageId, WAIT);
            assertThat(reactionAdd).as("A gets MESSAGE_REACTION_ADD").isNotNull();
            assertThat(reactionAdd.path("d").path("user_id").asString()).isEqualTo(b.id());
            assertThat(reactionAdd.path("d").path("emoji").asString()).isEqualTo(THUMBS_UP);
            Response withReaction = api.get(messagePath, b.token());
            assertThat(withReaction.status()).as(withReaction.toString()).isEqualTo(200);
            JsonNode reactions = withReaction.body().path("reactions");
            assertThat(reactions.size()).as(withReaction.toString()).isEqualTo(1);
            assertThat(reactions.get(0).path("emoji").asString()).isEqualTo(THUMBS_UP);
            assertThat(reactions.get(0).path("count").asInt()).isEqualTo(1);
            assertThat(reactions.get(0).path("me").asBoolean()).isTrue();
            JsonNode seenByA = api.get(messagePath, a.token()).body().path("reactions");
            assertThat(seenByA.get(0).path("count").asInt()).isEqualTo(1);
            assertThat(seenByA.get(0).path("me").asBoolean()).as("A did not react").isFalse();

            Response unreact = api.delete(messagePath + "/reactions/" + THUMBS_UP_PATH + "/@me", b.token());
            assertThat(unreact.status()).as(unreact.toString()).isIn(200, 204);
            JsonNode reactionRemove = aLive.dispatch("MESSAGE_REACTION_REMOVE", "message_id", messageId, WAIT);
            assertThat(reactionRemove).as("A gets MESSAGE_REACTION_REMOVE").isNotNull();
            assertThat(reactionRemove.path("d").path("user_id").asString()).isEqualTo(b.id());
            assertThat(api.get(messagePath, b.token()).body().path("reactions").size()).isZero();

            // pin
            Response pin = api.put("/api/v1/channels/" + general + "/pins/" + messageId, a.token(), null);
            assertThat(pin.status()).as(pin.toString()).isIn(200, 204);
            JsonNode pinsUpdate = bLive.dispatch("CHANNEL_PINS_UPDATE", "channel_id", general, WAIT);
            assertThat(pinsUpdate).as("B gets CHANNEL_PINS_UPDATE").isNotNull();
            assertThat(pinsUpdate.path("d").path("message_id").asString()).isEqualTo(messageId);
            Response pins = api.get("/api/v1/channels/" + general + "/pins", b.token());
            assertThat(pins.status()).as(pins.toString()).isEqualTo(200);
            assertThat(ids(pins.body())).containsExactly(messageId);
            assertThat(api.get(messagePath, b.token()).body().path("pinned").asBoolean()).isTrue();

            // typing
            Response typing = api.post("/api/v1/channels/" + general + "/typing", a.token(), null);
            assertThat(typing.status()).as(typing.toString()).isIn(200, 204);
            JsonNode typingStart = bLive.dispatch("TYPING_START", "channel_id", general, WAIT);
            assertThat(typingStart).as("B gets TYPING_START").isNotNull();
            assertThat(typingStart.path("d").path("user_id").asString()).isEqualTo(a.id());

            // delete
            Response deleted = api.delete(messagePath, a.token());
            assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
            JsonNode deleteEvent = bLive.dispatch("MESSAGE_DELETE", "message_id", messageId, WAIT);
            assertThat(deleteEvent).as("B gets MESSAGE_DELETE").isNotNull();
            assertThat(deleteEvent.path("d").path("channel_id").asString()).isEqualTo(general);
            assertThat(api.get(messagePath, b.token()).status()).isEqualTo(404);

            // a channel hidden from @everyone
            Response hiddenChannel = api.post("/api/v1/servers/" + server.id() + "/channels", a.token(),
                    map("channel_name", "staff", "channel_type", "text"));
            assertThat(hiddenChannel.status()).as(hiddenChannel.toString()).isIn(200, 201);
            String hidden = hiddenChannel.text("channel_id");
            Response deny = api.put("/api/v1/channels/" + hidden + "/permissions/" + server.id(), a.token(),
                    map("type", "role", "allow", "0", "deny", Long.toString(Scenario.VIEW_CHANNEL)));
            assertThat(deny.status()).as(deny.toString()).isIn(200, 204);
            // A's CHANNEL_UPDATE with the overwrite: the node serving both has applied it
            JsonNode channelUpdate = aLive.next(f -> "CHANNEL_UPDATE".equals(f.path("t").asString())
                    && hidden.equals(f.path("d").path("channel_id").asString())
                    && f.path("d").path("permission_overwrites").size() > 0, WAIT);
            assertThat(channelUpdate).as("A gets CHANNEL_UPDATE with the overwrite").isNotNull();

            String publicWord = Scenario.uniqueWord("pub");
            String hiddenWord = Scenario.uniqueWord("hid");
            Response secret = Scenario.send(api, a, hidden, "only staff read " + hiddenWord);
            Response open = Scenario.send(api, a, general, "everyone reads " + publicWord);
            assertThat(aLive.dispatch("MESSAGE_CREATE", "message_id", secret.text("message_id"), WAIT))
                    .as("A, the owner, gets the hidden channel's message").isNotNull();
            assertThat(bLive.dispatch("MESSAGE_CREATE", "message_id", open.text("message_id"), WAIT))
                    .as("B gets the general message").isNotNull();
            Thread.sleep(2000); // a late hidden event would have arrived by now
            assertThat(bLive.saw("MESSAGE_CREATE", "message_id", secret.text("message_id")))
                    .as("B never gets the hidden channel's message").isFalse();
            assertThat(bLive.frames().stream().anyMatch(f -> hidden.equals(f.path("d").path("channel_id").asString())
                    && f.path("t").asString().startsWith("MESSAGE_")))
                    .as("B gets no message event of the hidden channel").isFalse();
            Response bHistory = api.get("/api/v1/channels/" + hidden + "/messages?limit=10", b.token());
            assertThat(bHistory.status()).as(bHistory.toString()).isEqualTo(404);
            Response aHistory = api.get("/api/v1/channels/" + hidden + "/messages?limit=10", a.token());
            assertThat(aHistory.status()).isEqualTo(200);
            assertThat(ids(aHistory.body())).contains(secret.text("message_id"));

            // search: B finds the public word, not the hidden one; A (who may read both) finds both
            String search = "/api/v1/servers/" + server.id() + "/messages/search?q=";
            Response bPublic = api.get(search + publicWord, b.token());
            assertThat(bPublic.status()).as(bPublic.toString()).isEqualTo(200);
            assertThat(ids(bPublic.body().path("messages"))).as(bPublic.toString()).containsExactly(open.text("message_id"));
            assertThat(bPublic.body().path("total_results").asLong()).isEqualTo(1);
            Response aHidden = api.get(search + hiddenWord, a.token());
            assertThat(aHidden.status()).as(aHidden.toString()).isEqualTo(200);
            assertThat(ids(aHidden.body().path("messages"))).as(aHidden.toString()).containsExactly(secret.text("message_id"));
            Response bHidden = api.get(search + hiddenWord, b.token());
            assertThat(bHidden.status()).as(bHidden.toString()).isEqualTo(200);
            assertThat(ids(bHidden.body().path("messages"))).as(bHidden.toString()).isEmpty();
            assertThat(bHidden.body().path("total_results").asLong()).isZero();

            // a DM between A and B; C, a stranger to it, learns nothing
            Response dm = api.post("/api/v1/users/@me/channels", a.token(), map("recipient_id", b.id()));
            assertThat(dm.status()).as(dm.toString()).isIn(200, 201);
            String dmId = dm.text("channel_id");
            assertThat(dmId).matches("\\d+");
            Response dmSent = Scenario.send(api, a, dmId, "just between us");
            JsonNode dmEvent = bLive.dispatch("MESSAGE_CREATE", "message_id", dmSent.text("message_id"), WAIT);
            assertThat(dmEvent).as("B gets the DM live").isNotNull();
            assertThat(dmEvent.path("d").path("content").asString()).isEqualTo("just between us");
            Response dmHistory = api.get("/api/v1/channels/" + dmId + "/messages?limit=10", b.token());
            assertThat(dmHistory.status()).as(dmHistory.toString()).isEqualTo(200);
            assertThat(ids(dmHistory.body())).containsExactly(dmSent.text("message_id"));
            Response cHistory = api.get("/api/v1/channels/" + dmId + "/messages?limit=10", c.token());
            assertThat(cHistory.status()).as(cHistory.toString()).isEqualTo(404);
            assertThat(cHistory.contentType()).startsWith("application/problem+json");
        }
    }

    static List<String> ids(JsonNode messages) {
        List<String> ids = new ArrayList<>();
        messages.forEach(m -> ids.add(m.path("message_id").asString()));
        return ids;
    }
}
