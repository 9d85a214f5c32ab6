package dev.guildhall.bench.voice;

import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.voice.VoiceTokenClaims;
import dev.guildhall.common.voice.VoiceTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * What voice-service does for a joining client, done directly: allocate the endpoint over the node's
 * Colibri2-shaped control API (internal token) and mint the voice token; plus the node's metrics.
 */
final class NodeControl {

    static final String SERVER_ID = "1";

    private final VoiceBenchOptions options;
    private final VoiceTokens tokens;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    NodeControl(VoiceBenchOptions options) {
        this.options = options;
        this.tokens = new VoiceTokens(options.voiceSecret());
    }

    /** Creates the conference if needed and allocates the endpoint in it, with every permission. */
    void allocate(String conferenceId, String sessionId, String userId) throws IOException, InterruptedException {
        patch(conferenceId, "{\"create\":true,\"channel_id\":\"" + conferenceId + "\",\"server_id\":\"" + SERVER_ID
                + "\",\"endpoints\":[{\"id\":\"" + sessionId + "\",\"create\":true,\"user_id\":\"" + userId
                + "\",\"permissions\":{\"speak\":true,\"video\":true,\"stream\":true}}]}");
    }

    void expire(String conferenceId) throws IOException, InterruptedException {
        patch(conferenceId, "{\"expire\":true}");
    }

    String voiceToken(String conferenceId, String sessionId, String userId) {
        return tokens.issue(new VoiceTokenClaims(userId, SERVER_ID, conferenceId, options.nodeId(), sessionId, true,
                true, true, Instant.now().plus(VoiceTokens.DEFAULT_TTL)));
    }

    /** The node's Prometheus scrape; {@link NodeMetrics#EMPTY} if it cannot be read. */
    NodeMetrics scrape() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(options.target() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? NodeMetrics.parse(r.body()) : NodeMetrics.EMPTY;
        } catch (IOException e) {
            return NodeMetrics.EMPTY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeMetrics.EMPTY;
        }
    }

    private void patch(String conferenceId, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(options.target() + "/internal/colibri/conferences/" + conferenceId))
                .timeout(Duration.ofSeconds(10))
                .header(InternalApi.TOKEN_HEADER, options.internalToken())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("control API " + r.statusCode() + ": " + r.body());
        }
    }
}
