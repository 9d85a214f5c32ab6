package dev.guildhall.common.voice;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceTokensTest {

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final VoiceTokens tokens = new VoiceTokens("a shared secret");
    private final VoiceTokenClaims claims = new VoiceTokenClaims("11", "22", "33", "media-1", "44",
            true, false, true, now.plusSeconds(120));

    @Test
    void anIssuedTokenVerifiesToTheSameClaims() throws Exception {
        VoiceTokenClaims verified = tokens.verify(tokens.issue(claims), now);
        assertThat(verified.userId()).isEqualTo("11");
        assertThat(verified.serverId()).isEqualTo("22");
        assertThat(verified.channelId()).isEqualTo("33");
        assertThat(verified.nodeId()).isEqualTo("media-1");
        assertThat(verified.sessionId()).isEqualTo("44");
        assertThat(verified.canSpeak()).isTrue();
        assertThat(verified.canVideo()).isFalse();
        assertThat(verified.canStream()).isTrue();
        assertThat(verified.expiresAt()).isEqualTo(claims.expiresAt());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(claims);
        assertThatThrownBy(() -> tokens.verify(token, now.plusSeconds(130)))
                .isInstanceOf(InvalidVoiceTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenUnderAnotherSecretIsRefused() {
        String token = new VoiceTokens("another secret").issue(claims);
        assertThatThrownBy(() -> tokens.verify(token, now))
                .isInstanceOf(InvalidVoiceTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void anUnsignedOrGarbledTokenIsRefused() {
        String[] parts = tokens.issue(claims).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertThatThrownBy(() -> tokens.verify(none, now)).isInstanceOf(InvalidVoiceTokenException.class);
        assertThatThrownBy(() -> tokens.verify("not.a.token", now)).isInstanceOf(InvalidVoiceTokenException.class);
        assertThatThrownBy(() -> tokens.verify("", now)).isInstanceOf(InvalidVoiceTokenException.class);
    }
}
