package dev.guildhall.e2e;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.time.Instant;

/** What an authenticator app does: RFC 6238 codes from the shared secret. */
final class Totp {

    private Totp() {
    }

    static String code(String base32Secret, Instant at) {
        try {
            TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
            byte[] key = new Base32().decode(base32Secret);
            return totp.generateOneTimePasswordString(new SecretKeySpec(key, totp.getAlgorithm()), at);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
