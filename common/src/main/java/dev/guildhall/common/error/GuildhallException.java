package dev.guildhall.common.error;

import java.util.Map;

/**
 * A domain failure with a stable code. Carries no HTTP knowledge of its own: each service's one
 * error handler maps the code to a problem+json response.
 */
public class GuildhallException extends RuntimeException {

    private final ErrorCode code;
    private final transient Map<String, Object> properties;

    public GuildhallException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public GuildhallException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public static GuildhallException notFound(ErrorCode code) {
        return new GuildhallException(code, code.title());
    }

    public static GuildhallException missing(String permission) {
        return new GuildhallException(ErrorCode.MISSING_PERMISSIONS, "Missing permission " + permission,
                Map.of("permission", permission));
    }
}
