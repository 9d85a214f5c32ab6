package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;

/**
 * Another error shape a service speaks on some of its paths (bot-service's Discord-compatible surface answers Discord's
 * {@code {"code": <number>, "message"}}, ADR 177). The refusals made before any controller runs — a malformed query or
 * {@code Content-Type} ({@link MalformedRequestFilter}), a request Tomcat rejects itself ({@link ProblemErrorReportValve})
 * (ADR 271), and the security chain's: no or a wrong token, access denied, a token that cannot be checked just now
 * (ADR 275) — are written in it on those paths instead of as problem+json; everything later is the dialect's own
 * advice's. A service declares at most one, as a bean.
 */
public interface ErrorDialect {

    /** Whether a request for {@code requestUri} (as sent, not decoded) is answered in this dialect. */
    boolean speaks(String requestUri);

    /** The {@code application/json} body of a refusal with {@code status} for the reason {@code code}. */
    String body(int status, ErrorCode code);

    /** The dialect among {@code dialects} that speaks for {@code requestUri}, or null. */
    static ErrorDialect of(Iterable<ErrorDialect> dialects, String requestUri) {
        if (requestUri == null) {
            return null;
        }
        for (ErrorDialect dialect : dialects) {
            if (dialect.speaks(requestUri)) {
                return dialect;
            }
        }
        return null;
    }
}
