package dev.guildhall.auth.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals the secrets auth-service must be able to read back (signing private keys, TOTP seeds)
 * before they reach the database: AES-256-GCM under a key from configuration, with the row's
 * identity as associated data so a sealed value cannot be moved to another row (ADR 012).
 * Without a key the value is stored in the clear under a {@code plain:} prefix, so a deployment
 * can turn encryption on later and still read what it wrote before.
 */
public final class SecretCipher {

    private static final String SEALED = "aesgcm1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretCipher(SecretKeySpec key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    /** @param base64Key base64 of 32 bytes, or blank for no encryption */
    public static SecretCipher fromBase64Key(String base64Key, SecureRandom random) {
        if (base64Key == null || base64Key.isBlank()) {
            return new SecretCipher(null, random);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guildhall.auth.secret-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("guildhall.auth.secret-key must be 32 bytes (AES-256), got " + bytes.length);
        }
        return new SecretCipher(new SecretKeySpec(bytes, "AES"), random);
    }

    public boolean encrypts() {
        return key != null;
    }

    /** @param context what the value belongs to (e.g. {@code "totp:123"}); must be the same to open */
    public String seal(byte[] secret, String context) {
        if (key == null) {
            return PLAIN + Base64.getEncoder().encodeToString(secret);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal secret", e);
        }
    }

    public byte[] open(String stored, String context) {
        if (stored.startsWith(PLAIN)) {
            return Base64.getDecoder().decode(stored.substring(PLAIN.length()));
        }
        if (!stored.startsWith(SEALED)) {
            throw new IllegalStateException("unknown secret format");
        }
        if (key == null) {
            throw new IllegalStateException("secret is encrypted but guildhall.auth.secret-key is not set");
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(SEALED.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open secret (wrong guildhall.auth.secret-key?)", e);
        }
    }
}
