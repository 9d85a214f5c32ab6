package dev.guildhall.bench.voice;

import dev.guildhall.bench.common.JsonHttp;
import dev.guildhall.bench.common.JsonHttp.Reply;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's join: {@code POST /api/v1/channels/{voice channel}/voice/join} through the gateway as the world's
 * member for the endpoint's (conference, slot) — voice-service checks CONNECT, places the conference on a node,
 * allocates and signs the token — then the {@code endpoint} it answers (the gateway's {@code /media/{node}/signal}).
 */
final class FleetJoins implements Joins {

    private final FleetWorld world;
    private final JsonHttp http;
    private final URI gateway;
    private final Map<BenchEndpoint, FleetWorld.User> joined = new ConcurrentHashMap<>();

    FleetJoins(FleetWorld world, JsonHttp http, URI gateway) {
        this.world = world;
        this.http = http;
        this.gateway = gateway;
    }

    @Override
    public Ticket join(BenchEndpoint e) {
        FleetWorld.User user = world.member(e.conference, e.slot);
        Reply r = http.call("POST", gateway, "/api/v1/channels/" + voiceChannel(e) + "/voice/join",
                user.accessToken, null).expect("voice join of " + user.username, 200);
        joined.put(e, user);
        return ticket(r);
    }

    /** The signalling endpoint and voice token of a join's answer. */
    static Ticket ticket(Reply r) {
        String endpoint = r.text("endpoint");
        String token = r.text("voice_token");
        if (endpoint == null || token == null) {
            throw new IllegalStateException("voice join answered without endpoint or voice_token: " + r.raw());
        }
        return new Ticket(URI.create(endpoint), token);
    }

    @Override
    public void leave(List<BenchEndpoint> endpoints, int conferences) {
        endpoints.parallelStream().forEach(e -> {
            FleetWorld.User user = joined.remove(e);
            if (user != null) {
                try {
                    http.call("POST", gateway, "/api/v1/channels/" + voiceChannel(e) + "/voice/leave", user.accessToken,
                            null);
                } catch (RuntimeException ignored) {
                    // voice-service drops the state when the node reports the endpoint gone
                }
            }
        });
    }

    private String voiceChannel(BenchEndpoint e) {
        return world.servers.get(e.conference).voiceChannel();
    }

    @Override
    public String firstPhase() {
        return "REST answered";
    }

    @Override
    public String joinStart() {
        return "REST join sent (gateway → voice-service → node)";
    }
}
