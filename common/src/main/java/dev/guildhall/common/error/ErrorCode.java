package dev.guildhall.common.error;

/**
 * Stable error codes carried in every problem+json body as {@code code}. Clients and bots branch
 * on these, never on the human-readable {@code detail}. Add, never rename.
 */
public enum ErrorCode {
    // 400
    VALIDATION_FAILED(400, "Invalid request"),
    MALFORMED_JSON(400, "Malformed request body"),
    /** The request itself cannot be read: invalid UTF-8 in its path or query, a broken header, a broken multipart body. */
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_ID(400, "Invalid id"),
    WEAK_PASSWORD(400, "Password too weak"),
    INVALID_MFA_CODE(400, "Invalid two-factor code"),
    MFA_NOT_ENABLED(400, "Two-factor authentication is not enabled"),
    MFA_ALREADY_ENABLED(400, "Two-factor authentication is already enabled"),
    INVALID_CHANNEL_TYPE(400, "Invalid channel type"),
    INVITE_EXPIRED(400, "Invite expired"),
    INVITE_EXHAUSTED(400, "Invite used up"),
    LIMIT_REACHED(400, "Limit reached"),
    NOT_A_VOICE_CHANNEL(400, "Not a voice channel"),
    NOT_IN_VOICE(400, "Not connected to this voice channel"),
    UNKNOWN_UPLOAD(400, "Unknown or incomplete upload"),
    ATTACHMENT_SIZE_MISMATCH(400, "The uploaded file's size is not the declared size"),
    ATTACHMENT_TYPE_MISMATCH(400, "The uploaded file's type is not the declared type"),
    // 401
    UNAUTHORIZED(401, "Unauthorized"),
    INVALID_CREDENTIALS(401, "Invalid login or password"),
    INVALID_TOKEN(401, "Invalid or expired token"),
    INVALID_MFA_TICKET(401, "Invalid or expired two-factor ticket"),
    // 403
    MISSING_PERMISSIONS(403, "Missing permissions"),
    ROLE_HIERARCHY(403, "Role hierarchy forbids this"),
    BANNED(403, "Banned from this server"),
    OWNER_ONLY(403, "Only the server owner can do this"),
    CHANNEL_FULL(403, "Voice channel is full"),
    NOT_MESSAGE_AUTHOR(403, "Only the author can edit this message"),
    INVALID_SIGNATURE(403, "Invalid link signature"),
    LINK_EXPIRED(403, "This link has expired"),
    // 404
    NOT_FOUND(404, "Not found"),
    UNKNOWN_USER(404, "Unknown user"),
    UNKNOWN_SERVER(404, "Unknown server"),
    UNKNOWN_CHANNEL(404, "Unknown channel"),
    UNKNOWN_ROLE(404, "Unknown role"),
    UNKNOWN_MEMBER(404, "Unknown member"),
    UNKNOWN_INVITE(404, "Unknown invite"),
    UNKNOWN_BAN(404, "Unknown ban"),
    UNKNOWN_MESSAGE(404, "Unknown message"),
    UNKNOWN_CONFERENCE(404, "Unknown conference"),
    UNKNOWN_ENDPOINT(404, "Unknown endpoint"),
    UNKNOWN_OVERWRITE(404, "Unknown permission overwrite"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    // 409
    USERNAME_TAKEN(409, "Username taken"),
    EMAIL_TAKEN(409, "Email already registered"),
    CONFLICT(409, "Conflict"),
    OWNER_MUST_TRANSFER(409, "The owner must transfer or delete the server first"),
    /** The client sent its request too slowly; the connection is closed (issue 14, ADR 206). */
    REQUEST_TIMEOUT(408, "Request timeout"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    URI_TOO_LONG(414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    // 429
    RATE_LIMITED(429, "You are being rate limited"),
    /**
     * Back-pressure (ADR 212): too many requests are in flight to a route or service right now; nothing was done,
     * retry after {@code Retry-After}. Not the caller's own rate limit.
     */
    OVERLOADED(429, "Too many requests in flight"),
    // 5xx
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /**
     * The database holding this data (one shard, or the global one) cannot be reached right now; nothing was done.
     * Other servers' data, on other shards, still answers. Retry after {@code Retry-After} (ADR 247).
     */
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    NO_MEDIA_NODE(503, "No media node available"),
    NODE_DRAINING(503, "Media node is draining"),
    GATEWAY_TIMEOUT(504, "Upstream timed out"),

    // bots (issue 10)
    /** A managed role (a bot's) is changed only by adding or removing its bot. */
    MANAGED_ROLE(403, "Managed roles cannot be changed by hand"),
    /** An account-only endpoint (password, email, two-factor) called by a bot user. */
    BOT_NOT_ALLOWED(403, "Bots cannot use this endpoint"),
    UNKNOWN_APPLICATION(404, "Unknown application"),
    UNKNOWN_WEBHOOK(404, "Unknown webhook"),
    UNKNOWN_AUTO_RESPONSE(404, "Unknown auto-response"),
    // slash commands and interactions (issue 10)
    UNKNOWN_COMMAND(404, "Unknown application command"),
    UNKNOWN_INTERACTION(404, "Unknown interaction"),
    /** Options that do not match the command: a missing required one, an unknown one, a value of the wrong type. */
    INVALID_COMMAND_OPTIONS(400, "Invalid command options"),
    /** An interaction's callback was already sent. */
    INTERACTION_ALREADY_ACKNOWLEDGED(400, "Interaction has already been acknowledged");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
