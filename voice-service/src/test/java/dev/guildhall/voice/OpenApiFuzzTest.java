package dev.guildhall.voice;

import dev.guildhall.common.permission.Permission;
import dev.guildhall.infra.TestInfrastructure;
import dev.guildhall.support.testing.FuzzSettings;
import dev.guildhall.support.testing.OpenApiFuzz;
import dev.guildhall.support.testing.SpringTestContext;
import dev.guildhall.voice.support.StandInPlatform;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

/**
 * Issue 14's fuzz property for voice-service (ADRs 252, 258, 259): hostile requests to every public operation of its
 * OpenAPI description, sent with a real access token by a member who sees a voice channel (real Redis and Kafka;
 * auth-service's JWKS and server-service's permissions stood in), are never answered 5xx, and every 4xx is a problem
 * with a code. The member may not CONNECT, so no join reaches a media node (there is none here: that would be a
 * 503 {@code NO_MEDIA_NODE}, a true answer, not a fault). Replay a failure with {@code -Dguildhall.fuzz.seed=<seed>}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AddLifecycleHook(SpringTestContext.class)
@AddLifecycleHook(FuzzSettings.class)
class OpenApiFuzzTest {

    private static final long USER = 770_001;
    private static final long OTHER = 770_002;
    private static final long SERVER = 770_010;
    private static final long CHANNEL = 770_020;

    @LocalServerPort
    int port;

    private OpenApiFuzz fuzz;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        StandInPlatform platform = StandInPlatform.get();
        registry.add("guildhall.redis.url", infra::redisUrl);
        registry.add("guildhall.redis.command-timeout", () -> "3s");
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("guildhall.security.jwk-set-uri", () -> platform.url() + "/.well-known/jwks.json");
        registry.add("guildhall.security.issuer", () -> StandInPlatform.ISSUER);
        registry.add("guildhall.security.audience", () -> StandInPlatform.AUDIENCE);
        registry.add("guildhall.internal-token", () -> StandInPlatform.INTERNAL_TOKEN);
        registry.add("guildhall.voice.server-url", platform::url);
    }

    @Provide
    Arbitrary<List<OpenApiFuzz.Request>> sweeps() {
        long bits = Permission.VIEW_CHANNEL.bit() | Permission.SPEAK.bit() | Permission.MUTE_MEMBERS.bit()
                | Permission.DEAFEN_MEMBERS.bit() | Permission.MOVE_MEMBERS.bit();
        StandInPlatform.get().sees(USER, SERVER, CHANNEL, "voice", bits);
        String bearer = "Bearer " + StandInPlatform.get().token(USER);
        OpenApiFuzz.awaitTokenChecks(port, bearer, "/api/v1/channels/" + CHANNEL + "/voice/states");
        Map<String, String> ids = Map.of("channelId", Long.toString(CHANNEL), "userId", Long.toString(OTHER));
        fuzz = OpenApiFuzz.against(port, bearer, ids);
        return fuzz.sweeps();
    }

    /** One try = one hostile request to every operation of the description. */
    @Property(tries = 4)
    void hostileRequestsAreAnsweredWithAProblem(@ForAll("sweeps") List<OpenApiFuzz.Request> sweep) {
        fuzz.assertAnsweredWell(sweep);
    }
}
