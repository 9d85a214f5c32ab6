package dev.guildhall.support.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.Problems;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tomcat's error page, as problem+json. Requests Tomcat rejects itself, before any servlet runs (a path that is not
 * valid UTF-8 once decoded, characters not allowed in a request target such as {@code ?before[]=1}, a request line or
 * headers over the size limit) used to get Tomcat's HTML page, or an empty body, without a {@code code}. Boot's own
 * {@code ErrorReportValve} is replaced by this one ({@link ServiceWebConfiguration}); it never shows server details or
 * a stack trace. On the paths of an {@link ErrorDialect} the page is that dialect's body instead.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final List<ErrorDialect> dialects;

    public ProblemErrorReportValve() {
        this(List.of());
    }

    public ProblemErrorReportValve(List<ErrorDialect> dialects) {
        this.dialects = dialects;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = codeFor(status);
        ErrorDialect dialect = ErrorDialect.of(dialects, request.getRequestURI());
        String body = dialect != null ? dialect.body(status, code)
                : "{\"type\":\"https://guildhall.dev/errors/" + code.name().toLowerCase().replace('_', '-')
                + "\",\"title\":\"" + code.title() + "\",\"status\":" + status + ",\"detail\":\"" + code.title()
                + "\",\"code\":\"" + code.name() + "\"}";
        try {
            response.setContentType(dialect != null ? "application/json" : Problems.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response cannot take a body any more: nothing to report to
        }
    }

    /** The code for a status Tomcat chose; its status is kept, since the problem must agree with it. */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.MISSING_PERMISSIONS;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }
}
