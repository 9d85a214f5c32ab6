package dev.guildhall.media.dtls;

import org.bouncycastle.tls.SRTPProtectionProfile;

/** The DTLS-SRTP protection profiles the node speaks, in order of preference (RFC 5764, RFC 7714). */
public enum SrtpProfile {
    AEAD_AES_128_GCM(SRTPProtectionProfile.SRTP_AEAD_AES_128_GCM, 16, 12),
    AES_CM_128_HMAC_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** Our most preferred profile among {@code offered}, or null when none is acceptable. */
    public static SrtpProfile choose(int[] offered) {
        for (SrtpProfile profile : values()) {
            for (int id : offered) {
                if (id == profile.id) {
                    return profile;
                }
            }
        }
        return null;
    }

    public static SrtpProfile byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unsupported SRTP profile " + id);
    }
}
