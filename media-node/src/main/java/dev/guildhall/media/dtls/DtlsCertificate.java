package dev.guildhall.media.dtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A self-signed ECDSA P-256 certificate made at start (WebRTC peers authenticate each other by the
 * certificate's fingerprint in the SDP, not by a CA), and its SDP fingerprint.
 */
public final class DtlsCertificate {

    private final byte[] encoded;
    private final AsymmetricKeyParameter privateKey;
    private final String fingerprint;

    private DtlsCertificate(byte[] encoded, AsymmetricKeyParameter privateKey) {
        this.encoded = encoded;
        this.privateKey = privateKey;
        this.fingerprint = fingerprintOf(encoded);
    }

    public static DtlsCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=guildhall-media-node");
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new DtlsCertificate(holder.getEncoded(), PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot create the DTLS certificate", e);
        }
    }

    /** {@code sha-256} fingerprint as SDP writes it: upper-case hex pairs joined by colons. */
    public static String fingerprintOf(byte[] derCertificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(derCertificate);
            String hex = HexFormat.ofDelimiter(":").formatHex(digest);
            return hex.toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if {@code sdpFingerprint} (hash name {@code sha-256}, any case) names {@code derCertificate}. */
    public static boolean matches(String hashFunction, String sdpFingerprint, byte[] derCertificate) {
        if (hashFunction == null || sdpFingerprint == null || !hashFunction.equalsIgnoreCase("sha-256")) {
            return false;
        }
        byte[] expected = fingerprintOf(derCertificate).getBytes();
        byte[] presented = sdpFingerprint.trim().toUpperCase(Locale.ROOT).getBytes();
        return MessageDigest.isEqual(expected, presented);
    }

    public String fingerprint() {
        return fingerprint;
    }

    byte[] encoded() {
        return encoded.clone();
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }
}
