package dev.guildhall.media.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys and salts both sides derive from the DTLS exporter (RFC 5764 §4.2). The
 * exporter output is laid out as client key | server key | client salt | server salt.
 */
public record SrtpKeys(SrtpProfile profile, byte[] clientKey, byte[] clientSalt, byte[] serverKey, byte[] serverSalt) {

    public static SrtpKeys fromExporter(SrtpProfile profile, byte[] material) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != 2 * (k + s)) {
            throw new IllegalArgumentException("expected " + 2 * (k + s) + " bytes of keying material, got " + material.length);
        }
        return new SrtpKeys(profile,
                Arrays.copyOfRange(material, 0, k),
                Arrays.copyOfRange(material, 2 * k, 2 * k + s),
                Arrays.copyOfRange(material, k, 2 * k),
                Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s));
    }

    public static int exporterLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /** Keys this side encrypts with. */
    public byte[] localKey(boolean isServer) {
        return isServer ? serverKey : clientKey;
    }

    public byte[] localSalt(boolean isServer) {
        return isServer ? serverSalt : clientSalt;
    }

    /** Keys the peer encrypts with, so this side decrypts with them. */
    public byte[] remoteKey(boolean isServer) {
        return isServer ? clientKey : serverKey;
    }

    public byte[] remoteSalt(boolean isServer) {
        return isServer ? clientSalt : serverSalt;
    }
}
