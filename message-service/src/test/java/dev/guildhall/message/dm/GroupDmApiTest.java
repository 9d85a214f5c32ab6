package dev.guildhall.message.dm;

import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.message.support.EventTap;
import dev.guildhall.message.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group DMs (ADR 199): made with 2–9 others, the owner adds and removes, anyone leaves, the owner's
 * leaving hands the channel on, and only current recipients read it or hear of it.
 */
class GroupDmApiTest extends IntegrationTest {

    static final String DMS = "/api/v1/users/@me/channels";

    @Test
    void aGroupDmIsReadableOnlyByItsCurrentRecipientsAndEventsReachOnlyThem() throws Exception {
        long ann = stub.user();
        long ben = stub.user();
        long cat = stub.user();
        long dan = stub.user();
        long eve = stub.user();
        try (EventTap tap = new EventTap(TestInfrastructure.get().kafkaBootstrap())) {
            var created = api.post(DMS, stub.token(ann), Map.of("recipient_ids", List.of(id(ben), id(cat))));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
            String channel = created.text("channel_id");
            assertThat(created.text("channel_type")).isEqualTo("group_dm");
            assertThat(created.body().path("server_id").isNull()).isTrue();
            assertThat(created.text("owner_id")).isEqualTo(id(ann));
            assertThat(created.body().path("name").isNull()).isTrue();
            assertThat(created.body().path("icon_url").isNull()).isTrue();
            assertThat(userIds(created.body().path("recipients"))).containsExactly(id(ben), id(cat));

            // each recipient lists it; others do not
            assertThat(channelIds(api.get(DMS, stub.token(cat)).body())).contains(channel);
            assertThat(channelIds(api.get(DMS, stub.token(dan)).body())).doesNotContain(channel);

            String hello = api.post("/api/v1/channels/" + channel + "/messages", stub.token(ben),
                    Map.of("content", "hello group")).text("message_id");
            assertThat(api.get(messages(Long.parseLong(channel)), stub.token(cat)).body().get(0).path("message_id")
                    .asString()).isEqualTo(hello);
            var outsider = api.get(messages(Long.parseLong(channel)), stub.token(dan));
            assertThat(outsider.status()).isEqualTo(404);
            assertThat(outsider.code()).isEqualTo("UNKNOWN_CHANNEL");

            // only the owner adds; a recipient cannot
            assertThat(api.put(recipient(channel, dan), stub.token(ben)).status()).isEqualTo(403);
            assertThat(api.put(recipient(channel, dan), stub.token(ann)).status()).isEqualTo(204);
            assertThat(api.get(messages(Long.parseLong(channel)), stub.token(dan)).status()).isEqualTo(200);

            // the owner removes cat: cat reads nothing more and cannot send
            assertThat(api.delete(recipient(channel, cat), stub.token(ben)).status()).isEqualTo(403);
            assertThat(api.delete(recipient(channel, cat), stub.token(ann)).status()).isEqualTo(204);
            assertThat(api.get(messages(Long.parseLong(channel)), stub.token(cat)).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/channels/" + channel + "/messages", stub.token(cat),
                    Map.of("content", "still here?")).status()).isEqualTo(404);
            assertThat(channelIds(api.get(DMS, stub.token(cat)).body())).doesNotContain(channel);
            String afterCat = api.post("/api/v1/channels/" + channel + "/messages", stub.token(dan),
                    Map.of("content", "cat is gone")).text("message_id");

            // the owner leaves: ownership goes to the longest-standing recipient (ben)
            assertThat(api.delete("/api/v1/channels/" + channel + "/recipients/@me", stub.token(ann)).status())
                    .isEqualTo(204);
            assertThat(api.get(messages(Long.parseLong(channel)), stub.token(ann)).status()).isEqualTo(404);
            JsonNode benView = groupIn(api.get(DMS, stub.token(ben)).body(), channel);
            assertThat(benView.path("owner_id").asString()).isEqualTo(id(ben));
            assertThat(userIds(benView.path("recipients"))).containsExactly(id(dan));
            // anyone leaves by their own id too
            assertThat(api.delete(recipient(channel, dan), stub.token(dan)).status()).isEqualTo(204);
            assertThat(api.get(messages(Long.parseLong(channel)), stub.token(dan)).status()).isEqualTo(404);

            List<EventTap.Event> events = tap.await(channel, 8, Duration.ofSeconds(30));
            assertThat(events).extracting(EventTap.Event::type).containsExactly("CHANNEL_CREATE", "MESSAGE_CREATE",
                    "CHANNEL_RECIPIENT_ADD", "CHANNEL_RECIPIENT_REMOVE", "MESSAGE_CREATE", "CHANNEL_RECIPIENT_REMOVE",
                    "CHANNEL_UPDATE", "CHANNEL_RECIPIENT_REMOVE");
            assertThat(recipientIds(events.get(0))).containsExactlyInAnyOrder(id(ann), id(ben), id(cat));
            assertThat(userIds(events.get(0).data().path("recipients"))).containsExactly(id(ann), id(ben), id(cat));
            assertThat(recipientIds(events.get(1))).containsExactlyInAnyOrder(id(ann), id(ben), id(cat));
            assertThat(recipientIds(events.get(2))).containsExactlyInAnyOrder(id(ann), id(ben), id(cat), id(dan));
            assertThat(events.get(2).data().path("user").path("user_id").asString()).isEqualTo(id(dan));
            // the removed recipient hears of the removal, then of nothing
            assertThat(recipientIds(events.get(3))).containsExactlyInAnyOrder(id(ann), id(ben), id(cat), id(dan));
            assertThat(events.get(4).envelope().path("data").path("message_id").asString()).isEqualTo(afterCat);
            assertThat(recipientIds(events.get(4))).containsExactlyInAnyOrder(id(ann), id(ben), id(dan));
            assertThat(recipientIds(events.get(6))).containsExactlyInAnyOrder(id(ben), id(dan));
            assertThat(events.get(6).data().path("owner_id").asString()).isEqualTo(id(ben));
        }
        // nobody outside ever learns of it
        assertThat(channelIds(api.get(DMS, stub.token(eve)).body())).isEmpty();
    }

    @Test
    void aGroupDmNeedsTwoToNineOthersWhoExist() {
        long ann = stub.user();
        List<String> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(id(stub.user()));
        }
        var one = api.post(DMS, stub.token(ann), Map.of("recipient_ids", List.of(nine.get(0))));
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.code()).isEqualTo("VALIDATION_FAILED");
        var self = api.post(DMS, stub.token(ann), Map.of("recipient_ids", List.of(nine.get(0), id(ann))));
        assertThat(self.status()).as("oneself does not count").isEqualTo(400);
        List<String> ten = new ArrayList<>(nine);
        ten.add(id(stub.user()));
        assertThat(api.post(DMS, stub.token(ann), Map.of("recipient_ids", ten)).status()).isEqualTo(400);
        var full = api.post(DMS, stub.token(ann), Map.of("recipient_ids", nine));
        assertThat(full.status()).isEqualTo(200);
        var eleventh = api.put(recipient(full.text("channel_id"), stub.user()), stub.token(ann));
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.code()).isEqualTo("LIMIT_REACHED");
        var bad = api.post(DMS, stub.token(ann), Map.of("recipient_ids", List.of("12", "abc")));
        assertThat(bad.status()).isEqualTo(400);
        var both = api.post(DMS, stub.token(ann), Map.of("recipient_id", nine.get(0), "recipient_ids", nine));
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void anyRecipientRenamesAGroupDmAndSetsItsIconAndOnlyRecipientsHearOfIt() throws Exception {
        long ann = stub.user();
        long ben = stub.user();
        long cat = stub.user();
        long dan = stub.user();
        String channel = api.post(DMS, stub.token(ann), Map.of("recipient_ids", List.of(id(ben), id(cat))))
                .text("channel_id");
        try (EventTap tap = new EventTap(TestInfrastructure.get().kafkaBootstrap())) {
            // ben is no owner and renames it (Discord lets any recipient)
            var renamed = change(channel, ben, Map.of("rename", true, "name", "  Trip  "));
            assertThat(renamed.status()).as(renamed.raw().body()).isEqualTo(200);
            assertThat(renamed.text("name")).isEqualTo("Trip");
            assertThat(userIds(renamed.body().path("recipients"))).containsExactly(id(ann), id(cat));

            // an outsider: the channel does not exist for them, and nothing changes
            var outsider = change(channel, dan, Map.of("rename", true, "name", "Mine"));
            assertThat(outsider.status()).isEqualTo(404);
            assertThat(outsider.code()).isEqualTo("UNKNOWN_CHANNEL");
            // a bad name tells an outsider nothing either: access is judged first (ADR 250)
            assertThat(change(channel, dan, Map.of("rename", true, "name", "x".repeat(101))).code())
                    .isEqualTo("UNKNOWN_CHANNEL");
            assertThat(change(channel, ben, Map.of("rename", true, "name", "x".repeat(101))).code())
                    .isEqualTo("VALIDATION_FAILED");
            // an empty change (how server-service asks before it answers a malformed body) changes nothing
            assertThat(change(channel, ben, Map.of()).status()).isEqualTo(200);

            // cat sets an icon: an icon upload of cat's own, cropped; someone else's upload is refused
            String first = uploadIcon(cat);
            assertThat(change(channel, ben, Map.of("change_icon", true, "icon_upload_id", first)).code())
                    .isEqualTo("VALIDATION_FAILED");
            var iconed = change(channel, cat, Map.of("change_icon", true, "icon_upload_id", first));
            assertThat(iconed.status()).as(iconed.raw().body()).isEqualTo(200);
            String firstIcon = iconed.text("icon_url");
            assertThat(firstIcon).contains("/attachments/" + cat + "/").contains("/256.png?ex=");
            assertThat(iconed.text("name")).as("the name stays").isEqualTo("Trip");
            assertThat(fetch(firstIcon)).isEqualTo(200);
            assertThat(groupIn(api.get(DMS, stub.token(ann)).body(), channel).path("icon_url").asString())
                    .isEqualTo(firstIcon);

            // ann replaces it: the old icon's crops leave the store; then clears the name
            var replaced = change(channel, ann, Map.of("change_icon", true, "icon_upload_id", uploadIcon(ann)));
            assertThat(replaced.text("icon_url")).isNotEqualTo(firstIcon).contains("/attachments/" + ann + "/");
            assertThat(fetch(firstIcon)).isEqualTo(404);
            java.util.Map<String, Object> clear = new java.util.HashMap<>();
            clear.put("rename", true);
            clear.put("name", null);
            assertThat(change(channel, ann, clear).body().path("name").isNull()).isTrue();

            // the tap reads the channel's events from the start: its creation, then one update per change
            List<EventTap.Event> events = tap.await(channel, 5, Duration.ofSeconds(30));
            assertThat(events).extracting(EventTap.Event::type).containsExactly("CHANNEL_CREATE", "CHANNEL_UPDATE",
                    "CHANNEL_UPDATE", "CHANNEL_UPDATE", "CHANNEL_UPDATE");
            assertThat(events.get(1).data().path("name").asString()).isEqualTo("Trip");
            assertThat(events.get(2).data().path("icon_url").asString()).isEqualTo(firstIcon);
            assertThat(events.get(4).data().path("name").isNull()).isTrue();
            for (EventTap.Event event : events.subList(1, 5)) {
                assertThat(recipientIds(event)).containsExactlyInAnyOrder(id(ann), id(ben), id(cat));
            }
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    private dev.guildhall.message.support.Api.Response change(String channel, long caller, Map<String, Object> change) {
        // the whole GroupDmChange, as server-service sends it (strict JSON: no field left out)
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("rename", false);
        body.put("name", null);
        body.put("change_icon", false);
        body.put("icon_upload_id", null);
        body.putAll(change);
        body.put("user_id", id(caller));
        return api.send("PATCH", "/internal/group-dms/" + channel, null, body,
                Map.of("X-Guildhall-Internal-Token", dev.guildhall.message.support.StubServices.INTERNAL_TOKEN));
    }

    private String uploadIcon(long user) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(40, 40, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        byte[] bytes = png.toByteArray();
        var reserved = api.post("/api/v1/uploads", stub.token(user), Map.of("filename", "icon.png", "size", bytes.length,
                "content_type", "image/png", "purpose", "icon"));
        assertThat(reserved.status()).as(reserved.raw().body()).isEqualTo(200);
        var put = HTTP.send(java.net.http.HttpRequest.newBuilder(local(reserved.text("upload_url")))
                        .header("Content-Type", "image/png").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(put.statusCode()).isEqualTo(200);
        return reserved.text("upload_id");
    }

    private int fetch(String url) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(local(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private java.net.URI local(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return java.net.URI.create("http://127.0.0.1:" + port + uri.getRawPath() + "?" + uri.getRawQuery());
    }

    private static String recipient(String channel, long user) {
        return "/api/v1/channels/" + channel + "/recipients/" + user;
    }

    private static List<String> userIds(JsonNode users) {
        List<String> ids = new ArrayList<>();
        users.forEach(u -> ids.add(u.path("user_id").asString()));
        return ids;
    }

    private static List<String> recipientIds(EventTap.Event event) {
        List<String> ids = new ArrayList<>();
        event.envelope().path("recipient_ids").forEach(u -> ids.add(u.asString()));
        return ids;
    }

    private static List<String> channelIds(JsonNode channels) {
        List<String> ids = new ArrayList<>();
        channels.forEach(c -> ids.add(c.path("channel_id").asString()));
        return ids;
    }

    private static JsonNode groupIn(JsonNode channels, String channel) {
        for (JsonNode c : channels) {
            if (c.path("channel_id").asString().equals(channel)) {
                return c;
            }
        }
        throw new AssertionError("not listed: " + channel);
    }
}
