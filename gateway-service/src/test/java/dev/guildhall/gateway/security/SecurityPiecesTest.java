package dev.guildhall.gateway.security;

import dev.guildhall.gateway.support.Fleet;
import dev.guildhall.gateway.web.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityPiecesTest {

    private final SecurityProblems problems = new SecurityProblems(new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void unreachableSigningKeysAreA503NotA401() {
        MockServerWebExchange exchange = exchange();

        problems.commence(exchange, new AuthenticationServiceException("jwks down")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    }

    @Test
    void aBadTokenIsInvalidToken() {
        MockServerWebExchange exchange = exchange();

        problems.commence(exchange, new InvalidBearerTokenException("bad")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(401);
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"INVALID_TOKEN\"");
    }

    @Test
    void aHangingKeyEndpointFailsVerificationInTimeAsAServiceError() {
        String hanging = Fleet.SERVICES.get("message").url() + "/hang/jwks.json";
        ReactiveJwtDecoder decoder = SecurityConfig.verifier(
                new TokenProperties(hanging, "http://guildhall.test", "guildhall-api", Duration.ofMillis(300)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> decoder.decode(Fleet.TOKENS.access("1")).block())
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void botTokensAreRecognisedCaseInsensitively() {
        assertThat(PublicEndpoints.isBot(MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header("Authorization", "Bot abc.def")))).isTrue();
        assertThat(PublicEndpoints.isBot(MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header("Authorization", "bot abc")))).isTrue();
        assertThat(PublicEndpoints.isBot(MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header("Authorization", "Bot ")))).isFalse();
        assertThat(PublicEndpoints.isBot(MockServerWebExchange.from(MockServerHttpRequest.get("/")
                .header("Authorization", "Bearer x")))).isFalse();
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/users/@me"));
    }
}
