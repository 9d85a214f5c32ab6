package dev.guildhall.auth.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address: the first {@code X-Forwarded-For} entry when the gateway in front is
 * trusted to set it, else the socket's remote address. Values that cannot be an address are
 * ignored, so a header cannot be used to mint arbitrary limiter keys.
 */
public final class ClientIp {

    private static final int MAX_LENGTH = 45; // the longest textual IPv6 address

    private ClientIp() {
    }

    public static String of(HttpServletRequest request, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                int comma = forwarded.indexOf(',');
                String first = (comma >= 0 ? forwarded.substring(0, comma) : forwarded).strip();
                if (plausible(first)) {
                    return first;
                }
            }
        }
        return request.getRemoteAddr();
    }

    static boolean plausible(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
