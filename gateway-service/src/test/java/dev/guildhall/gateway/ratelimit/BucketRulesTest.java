package dev.guildhall.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BucketRulesTest {

    private final BucketRules rules = new BucketRules(new RateLimitProperties(true, Duration.ofMillis(100),
            new RateLimitProperties.Limit(50, Duration.ofSeconds(1)), new RateLimitProperties.Limit(100, Duration.ofSeconds(10)),
            List.of(new RateLimitProperties.Bucket("messages.create", "POST", "/api/v1/channels/{channel_id}/messages",
                            List.of("channel_id"), 5, Duration.ofSeconds(5)),
                    new RateLimitProperties.Bucket("voice.join", "POST", "/api/v1/channels/{channel_id}/voice/join",
                            null, 10, Duration.ofMinutes(1)))));

    @Test
    void sendingAMessageCountsPerChannel() {
        BucketRules.Match match = rules.match(MockServerHttpRequest.post("/api/v1/channels/42/messages").build(), "messages");

        assertThat(match.bucket().name()).isEqualTo("messages.create");
        assertThat(match.bucket().limit().capacity()).isEqualTo(5);
        assertThat(match.keySuffix()).isEqualTo(":channel_id=42");
    }

    @Test
    void voiceJoinIsPerUserAcrossChannels() {
        BucketRules.Match match = rules.match(MockServerHttpRequest.post("/api/v1/channels/42/voice/join").build(), "voice");

        assertThat(match.bucket().name()).isEqualTo("voice.join");
        assertThat(match.keySuffix()).isEmpty();
    }

    @Test
    void otherRequestsUseTheirRoutesDefault() {
        BucketRules.Match read = rules.match(MockServerHttpRequest.get("/api/v1/channels/42/messages").build(), "messages");

        assertThat(read.bucket().name()).isEqualTo("route.messages");
        assertThat(read.bucket().limit().capacity()).isEqualTo(100);
        assertThat(rules.global().limit().capacity()).isEqualTo(50);
    }

    @Test
    void aRoutesDefaultBucketIsPerChannelServerOrWebhookAsDiscordsAre() {
        BucketRules.Match one = rules.match(MockServerHttpRequest.get("/api/v1/channels/42/messages").build(), "messages");
        BucketRules.Match other = rules.match(MockServerHttpRequest.get("/api/v1/channels/43/pins").build(), "messages");
        BucketRules.Match guild = rules.match(MockServerHttpRequest.get("/api/v10/guilds/7/roles").build(), "discord");
        BucketRules.Match me = rules.match(MockServerHttpRequest.get("/api/v1/users/@me").build(), "users");

        assertThat(one.keySuffix()).isEqualTo(":channel_id=42");
        assertThat(other.keySuffix()).isEqualTo(":channel_id=43");
        assertThat(guild.keySuffix()).isEqualTo(":server_id=7");
        assertThat(rules.match(MockServerHttpRequest.delete("/api/v1/servers/7").build(), "servers").keySuffix())
                .isEqualTo(":server_id=7");
        assertThat(rules.match(MockServerHttpRequest.post("/api/v10/webhooks/9/tok").build(), "bots").keySuffix())
                .isEqualTo(":webhook_id=9");
        assertThat(me.keySuffix()).isEmpty();
        assertThat(one.bucket().name()).isEqualTo(other.bucket().name()).isEqualTo("route.messages");
    }
}
