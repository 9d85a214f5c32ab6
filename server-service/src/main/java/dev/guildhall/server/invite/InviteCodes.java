package dev.guildhall.server.invite;

import java.security.SecureRandom;

/** Random URL-safe invite codes: 10 characters of [A-Za-z0-9], about 59 bits. */
public final class InviteCodes {

    public static final int LENGTH = 10;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private InviteCodes() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** Whether a path segment could be a code at all (so junk never reaches a database). */
    public static boolean plausible(String code) {
        if (code == null || code.isEmpty() || code.length() > 16) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
