package dev.guildhall.auth.mfa;

import dev.guildhall.auth.support.IntegrationTest;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MfaIntegrationTest extends IntegrationTest {

    private final Totp totp = new Totp();

    @Test
    void totpLoginWithReplayProtectionAndSingleUseRecoveryCodes() {
        JsonNode user = newUser("quinn");
        String name = user.get("username").asString();
        String auth = bearer(tokens(name).get("access_token").asString());

        // enable → pending secret; verify with a code from it → active, recovery codes
        JsonNode setup = post("/api/v1/users/@me/mfa/totp/enable", null, "Authorization", auth).expect(200).json();
        byte[] secret = new Base32().decode(setup.get("secret").asString());
        assertThat(setup.get("otpauth_url").asString()).startsWith("otpauth://totp/").contains("secret=");
        long step = Totp.step(Instant.now());
        assertThat(post("/api/v1/users/@me/mfa/totp/verify", Map.of("code", "000000"), "Authorization", auth)
                .status()).isIn(400);
        JsonNode verified = post("/api/v1/users/@me/mfa/totp/verify", Map.of("code", totp.code(secret, step)),
                "Authorization", auth).expect(200).json();
        assertThat(verified.get("recovery_codes").size()).isEqualTo(10);
        String recovery = verified.get("recovery_codes").get(0).asString();
        assertThat(get("/api/v1/users/@me", "Authorization", auth).expect(200).json().get("mfa_enabled").asBoolean())
                .isTrue();
        assertThat(post("/api/v1/users/@me/mfa/totp/enable", null, "Authorization", auth).expect(400).text("code"))
                .isEqualTo("MFA_ALREADY_ENABLED");

        // login now stops at the second factor
        JsonNode challenge = login(name, PASSWORD).expect(200).json();
        assertThat(challenge.get("mfa_required").asBoolean()).isTrue();
        assertThat(challenge.has("access_token")).isFalse();
        String ticket = challenge.get("ticket").asString();

        // the code used to activate is spent; the next step's code works
        assertThat(mfa(ticket, totp.code(secret, step)).expect(400).text("code")).isEqualTo("INVALID_MFA_CODE");
        String nextCode = totp.code(secret, step + 1);
        JsonNode tokens = mfa(ticket, nextCode).expect(200).json();
        get("/api/v1/users/@me", "Authorization", bearer(tokens.get("access_token").asString())).expect(200);
        // the ticket is single-use
        assertThat(mfa(ticket, nextCode).expect(401).text("code")).isEqualTo("INVALID_MFA_TICKET");

        // a replayed code is refused on a fresh ticket too; a recovery code works, once
        String ticket2 = login(name, PASSWORD).expect(200).json().get("ticket").asString();
        assertThat(mfa(ticket2, nextCode).expect(400).text("code")).isEqualTo("INVALID_MFA_CODE");
        mfa(ticket2, recovery.toUpperCase()).expect(200);
        String ticket3 = login(name, PASSWORD).expect(200).json().get("ticket").asString();
        assertThat(mfa(ticket3, recovery).expect(400).text("code")).isEqualTo("INVALID_MFA_CODE");

        // disabling needs a valid code; afterwards login gives tokens directly
        assertThat(post("/api/v1/users/@me/mfa/totp/disable", Map.of("code", recovery), "Authorization", auth)
                .expect(400).text("code")).isEqualTo("INVALID_MFA_CODE");
        String other = verified.get("recovery_codes").get(1).asString();
        post("/api/v1/users/@me/mfa/totp/disable", Map.of("code", other), "Authorization", auth).expect(204);
        assertThat(get("/api/v1/users/@me", "Authorization", auth).json().get("mfa_enabled").asBoolean()).isFalse();
    }

    @Test
    void aTicketSurvivesOnlyAFewWrongCodes() {
        JsonNode user = newUser("rita");
        String name = user.get("username").asString();
        String auth = bearer(tokens(name).get("access_token").asString());
        byte[] secret = new Base32().decode(post("/api/v1/users/@me/mfa/totp/enable", null, "Authorization", auth)
                .expect(200).json().get("secret").asString());
        long step = Totp.step(Instant.now());
        post("/api/v1/users/@me/mfa/totp/verify", Map.of("code", totp.code(secret, step)), "Authorization", auth)
                .expect(200);

        String ticket = login(name, PASSWORD).expect(200).json().get("ticket").asString();
        String wrong = totp.code(secret, step + 5);
        for (int i = 0; i < 5; i++) {
            mfa(ticket, wrong).expect(400);
        }
        assertThat(mfa(ticket, totp.code(secret, step + 1)).expect(401).text("code")).isEqualTo("INVALID_MFA_TICKET");
        assertThat(mfa("made-up-ticket", "123456").expect(401).text("code")).isEqualTo("INVALID_MFA_TICKET");
    }

    @Test
    void verifyWithoutEnableIsRefused() {
        JsonNode user = newUser("sam");
        String auth = bearer(tokens(user.get("username").asString()).get("access_token").asString());
        assertThat(post("/api/v1/users/@me/mfa/totp/verify", Map.of("code", "123456"), "Authorization", auth)
                .expect(400).text("code")).isEqualTo("MFA_NOT_ENABLED");
        assertThat(post("/api/v1/users/@me/mfa/totp/disable", Map.of("code", "123456"), "Authorization", auth)
                .expect(400).text("code")).isEqualTo("MFA_NOT_ENABLED");
    }

    private Reply mfa(String ticket, String code) {
        return post("/api/v1/auth/mfa/totp", Map.of("ticket", ticket, "code", code));
    }
}
