package dev.guildhall.auth.password;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Password hashes: Argon2id through a {@link DelegatingPasswordEncoder}, so every stored hash
 * names its algorithm ({@code {argon2}...}) and the default can change later while old hashes
 * still verify and are upgraded at the next login (ADR 011).
 */
@Component
public class PasswordHasher {

    static final String DEFAULT_ID = "argon2";

    private final PasswordEncoder encoder;
    /** Compared against when the account does not exist, so "no such user" costs a real hash. */
    private final String dummyHash;

    @Autowired
    public PasswordHasher(SecureRandom random) {
        this(new DelegatingPasswordEncoder(DEFAULT_ID, Map.of(
                DEFAULT_ID, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder())), random);
    }

    PasswordHasher(PasswordEncoder encoder, SecureRandom random) {
        this.encoder = encoder;
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(bytes));
    }

    public String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    public boolean matches(String rawPassword, String hash) {
        return rawPassword != null && hash != null && encoder.matches(rawPassword, hash);
    }

    /** Spends the time of a real verification and fails: for unknown accounts (no timing oracle). */
    public boolean matchesNothing(String rawPassword) {
        encoder.matches(rawPassword == null ? "" : rawPassword, dummyHash);
        return false;
    }

    public boolean needsUpgrade(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
