package dev.guildhall.auth.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's address as the gateway saw it (ADR 017). The gateway writes {@code X-Forwarded-For}
 * itself: only the client's address when nothing trusted stands in front of it (then this is the
 * first and only entry), or, behind {@code hops} trusted proxies, what they sent plus the address
 * of its peer. The client is then the entry {@code hops} places from the right: anything further
 * left was written by the client and proves nothing. Without a usable header, the socket's
 * remote address. Values that cannot be an address are ignored, so a header cannot mint
 * arbitrary limiter keys.
 */
public final class ClientIp {

    private static final int MAX_LENGTH = 45; // the longest textual IPv6 address

    private ClientIp() {
    }

    /**
     * @param trustForwardedFor whether the header comes from the gateway (auth-service is not reachable otherwise)
     * @param hops              trusted proxies in front of the gateway ({@code GUILDHALL_TRUSTED_PROXY_HOPS})
     */
    public static String of(HttpServletRequest request, boolean trustForwardedFor, int hops) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && forwarded.length() <= 1024) {
                String[] entries = forwarded.split(",");
                if (entries.length == 0) {
                    return request.getRemoteAddr();
                }
                String client = entries[Math.max(0, entries.length - 1 - hops)].strip();
                if (plausible(client)) {
                    return client;
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
