package dev.guildhall.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.common.security.TokenVerification;
import dev.guildhall.support.ratelimit.RateLimitedException;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.testing.HostileRequests;
import dev.guildhall.support.validation.NoControlCharacters;
import dev.guildhall.support.web.ErrorHandler;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every servlet service gets from service-support, checked over real HTTP against a tiny service. */
@SpringBootTest(classes = ServiceSupportTest.TinyService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"guildhall.internal-token=s3cret", "guildhall.security.allow-insecure-secrets=true",
                "guildhall.security.jwk-set-uri=http://127.0.0.1:9/unused",
                "guildhall.security.issuer=http://issuer.test", "guildhall.security.audience=guildhall-api",
                // as guildhall-service-defaults.yml sets for every service: Boot's own handler must still step aside
                "spring.mvc.problemdetails.enabled=true", "spring.jackson.property-naming-strategy=SNAKE_CASE"})
class ServiceSupportTest {

    static final KeyPair KEYS = rsa();

    @Value("${local.server.port}")
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCallerIsTheVerifiedTokensSubject() throws Exception {
        HttpResponse<String> res = send(get("/me").header("Authorization", "Bearer " + token("1234", "access")));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("1234");
    }

    @Test
    void noTokenOrABadTokenIsA401Problem() throws Exception {
        HttpResponse<String> none = send(get("/me"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(none.body()).contains("\"code\":\"UNAUTHORIZED\"");

        HttpResponse<String> refresh = send(get("/me").header("Authorization", "Bearer " + token("1234", "refresh")));
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(refresh.body()).contains("\"code\":\"INVALID_TOKEN\"");
    }

    @Test
    void internalPathsNeedTheInternalToken() throws Exception {
        assertThat(send(get("/internal/ping")).statusCode()).isEqualTo(401);
        assertThat(send(get("/internal/ping").header(InternalApi.TOKEN_HEADER, "wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = send(get("/internal/ping").header(InternalApi.TOKEN_HEADER, "s3cret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("pong");
    }

    @Test
    void domainValidationAndUnexpectedErrorsBecomeProblemsWithStableCodes() throws Exception {
        String bearer = "Bearer " + token("1", "access");
        HttpResponse<String> domain = send(get("/missing-server").header("Authorization", bearer));
        assertThat(domain.statusCode()).isEqualTo(404);
        assertThat(domain.body()).contains("\"code\":\"UNKNOWN_SERVER\"");

        HttpResponse<String> invalid = send(HttpRequest.newBuilder(uri("/things")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"thing_name\":\"\"}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"code\":\"VALIDATION_FAILED\"").contains("thing_name");

        HttpResponse<String> malformed = send(HttpRequest.newBuilder(uri("/things")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"code\":\"MALFORMED_JSON\"");

        HttpResponse<String> boom = send(get("/boom").header("Authorization", bearer));
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).contains("\"code\":\"INTERNAL_ERROR\"").doesNotContain("IllegalStateException");

        HttpResponse<String> unknown = send(get("/nowhere").header("Authorization", bearer));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    /** Issue 14, finding 2: malformed input is the client's fault, answered like every other client error. */
    @Test
    void malformedRequestsAreProblemsWithCodes() throws Exception {
        HostileRequests.assertEveryAnswerIsAProblem(port,
                HostileRequests.probes("/search", "/things", "Bearer " + token("1", "access")));
        // the unauthenticated ones too (what login and register see)
        HostileRequests.assertEveryAnswerIsAProblem(port, HostileRequests.probes("/search", "/things", null));
    }

    /** Issue 14, finding 6: a JSON value is read only into a field of its own type, and names refuse controls. */
    @Test
    void wrongJsonTypesAndControlCharactersAreRefused() throws Exception {
        String bearer = "Bearer " + token("1", "access");
        for (String body : List.of("{\"thing_name\":123}", "{\"thing_name\":true}", "{\"thing_name\":1.5}",
                "{\"thing_name\":\"ok\",\"position\":\"x\"}", "{\"thing_name\":\"ok\",\"position\":\"5\"}",
                "{\"thing_name\":\"ok\",\"position\":1.5}", "{\"thing_name\":\"ok\",\"pinned\":\"true\"}",
                "{\"thing_name\":\"ok\",\"pinned\":1}")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/things")).header("Authorization", bearer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("\"code\":\"").doesNotContain("must not be blank");
        }
        for (String name : List.of("\\u0000", "a\\u0007b", "\\u202Eevil", "line\\nbreak", "x\\u2028")) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/things")).header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"thing_name\":\"" + name + "\"}")));
            assertThat(refused.statusCode()).as(name).isEqualTo(400);
            assertThat(refused.body()).as(name).contains("\"code\":\"VALIDATION_FAILED\"").contains("thing_name");
        }
        HttpResponse<String> fine = send(HttpRequest.newBuilder(uri("/things")).header("Authorization", bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"thing_name\":\"Ca\\u0301fe\\u0301 \\uD83D\\uDC68\\u200D\\uD83D\\uDCBB\",\"position\":5,\"pinned\":true}")));
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    }

    @Test
    void theErrorHandlerIsTheOnlyExceptionHandlerAdvice() {
        assertThat(context.getBeansOfType(ResponseEntityExceptionHandler.class).values())
                .singleElement().isInstanceOf(ErrorHandler.class);
    }

    @Test
    void aRateLimitRefusalIsDesigns429() throws Exception {
        HttpResponse<String> res = send(get("/limited").header("Authorization", "Bearer " + token("1", "access")));
        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("Retry-After")).isPresent();
        assertThat(res.headers().firstValue("X-RateLimit-Bucket")).hasValue("voice.join");
        assertThat(res.body()).contains("\"retry_after\"").contains("\"global\":false");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String subject, String use) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("http://issuer.test")
                .audience(List.of("guildhall-api")).jwtID(UUID.randomUUID().toString())
                .claim("token_use", use).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Thing(@NotBlank @NoControlCharacters String thingName, Integer position, Boolean pinned) {
    }

    /**
     * Like a real service, it scans none of service-support's packages: everything it gets from
     * service-support comes through auto-configuration.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TinyService.Endpoints.class)
    static class TinyService {

        /** The JWKS is replaced by a local key; the validator is the one every service uses. */
        @Bean
        JwtDecoder jwtDecoder() {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
            decoder.setJwtValidator(TokenVerification.validator("http://issuer.test", "guildhall-api"));
            return decoder;
        }

        @RestController
        static class Endpoints {

            @GetMapping("/me")
            String me(Caller caller) {
                return Long.toString(caller.userId());
            }

            @GetMapping("/internal/ping")
            String ping() {
                return "pong";
            }

            @GetMapping("/missing-server")
            String missing() {
                throw new GuildhallException(ErrorCode.UNKNOWN_SERVER, "Unknown server");
            }

            @PostMapping("/things")
            Map<String, String> create(@Valid @RequestBody Thing thing) {
                return Map.of("thing_name", thing.thingName());
            }

            @GetMapping("/search")
            String search(@RequestParam(required = false) String q, @RequestParam(required = false) Long before) {
                return q + " " + before;
            }

            @GetMapping("/boom")
            String boom() {
                throw new IllegalStateException("secret internals");
            }

            @GetMapping("/limited")
            String limited() {
                throw new RateLimitedException(new RateLimitHeaders.Decision(false, 10, 0, 12_500_000_000L,
                        "voice.join", false));
            }
        }
    }
}
