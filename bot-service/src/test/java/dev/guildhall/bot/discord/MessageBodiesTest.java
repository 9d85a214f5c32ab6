package dev.guildhall.bot.discord;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What JDA and discord.js send for a message is accepted and becomes message-service's body. */
class MessageBodiesTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageBodies bodies = new MessageBodies();

    @Test
    void aJdaStyleBodyWithNullsAndAHugeNumericNonceIsAccepted() {
        JsonNode body = json.readTree("""
                {"content":"hi","tts":false,"poll":null,"components":[],"enforce_nonce":true,
                 "nonce":98765432109876543210,"allowed_mentions":{"parse":[]},"flags":0,
                 "message_reference":{"message_id":"1234","fail_if_not_exists":true}}""");

        Map<String, Object> send = bodies.send(body);

        assertThat(send).containsEntry("content", "hi").containsEntry("nonce", "98765432109876543210")
                .containsEntry("reply_to", "1234").doesNotContainKeys("poll", "tts", "embeds");
    }

    @Test
    void aStringNonceIsKeptAsText() {
        assertThat(bodies.send(json.readTree("{\"content\":\"x\",\"nonce\":\"1180000000000000000\"}")))
                .containsEntry("nonce", "1180000000000000000");
    }

    @Test
    void anEmptyMessageIsDiscordsError50006() {
        assertThatThrownBy(() -> bodies.send(json.readTree("{\"content\":\"\",\"embeds\":[]}")))
                .isInstanceOfSatisfying(DiscordApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(50006);
                });
    }

    @Test
    void aNonceLongerThanDiscordAllowsIsAnInvalidFormBody() {
        assertThatThrownBy(() -> bodies.send(json.readTree("{\"content\":\"x\",\"nonce\":\"" + "1".repeat(26) + "\"}")))
                .isInstanceOfSatisfying(DiscordApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(50035);
                    assertThat(e.errors()).containsKey("nonce");
                });
    }

    @Test
    void contentOver2000CharactersIsRefused() {
        assertThatThrownBy(() -> bodies.send(json.readTree("{\"content\":\"" + "a".repeat(2001) + "\"}")))
                .isInstanceOfSatisfying(DiscordApiException.class, e -> assertThat(e.code()).isEqualTo(50035));
    }
}
