package dev.guildhall.common.internal;

/**
 * The fleet's internal HTTP surface: the header that proves a caller is one of the services, and the
 * paths one service calls on another. Callers and callees both use these constants, so renaming a path
 * is one edit that every side follows.
 */
public final class InternalApi {

    /** Carries {@code GUILDHALL_INTERNAL_TOKEN} on every {@code /internal/**} call; the gateway strips it. */
    public static final String TOKEN_HEADER = "X-Guildhall-Internal-Token";

    /** server-service: {@code ?user_id=&channel_id=} or {@code ?user_id=&server_id=} → {@link PermissionsAnswer}. */
    public static final String PERMISSIONS = "/internal/permissions";
    /** server-service: → {@link ServerSnapshot}. */
    public static final String SERVER_SNAPSHOT = "/internal/servers/{serverId}/snapshot";
    /**
     * message-service: {@code POST} a {@link MessageWrite} → the v1 message object (ADR 155); only the channel's
     * existence is checked, the caller has authorised the write.
     */
    public static final String CHANNEL_MESSAGES = "/internal/channels/{channelId}/messages";
    /** message-service: {@code PATCH} a {@link MessageWrite.Edit} → the message, or {@code DELETE} → 204. */
    public static final String CHANNEL_MESSAGE = "/internal/channels/{channelId}/messages/{messageId}";
    /**
     * message-service: {@code PUT} → 204, the user (a bot, e.g. the system bot of auto-responses) reacts with the
     * URL-encoded unicode emoji (ADR 165); as for {@link #CHANNEL_MESSAGES}, the caller has authorised it.
     */
    public static final String MESSAGE_REACTION = "/internal/channels/{channelId}/messages/{messageId}/reactions/{emoji}/{userId}";
    /**
     * message-service: {@code POST {user_id, purpose}} → {@code {url, urls: {"64": …, "512": …}}}: claims an avatar or
     * icon upload of that user once and makes its square crops (ADR 195); 400 problem when it is not a usable image.
     */
    public static final String IMAGE_UPLOAD_CLAIM = "/internal/uploads/{uploadId}/claim";
    /**
     * message-service: {@code POST {url, purpose}} → {@code {objects_deleted}}: the avatar or icon behind this link was
     * replaced or removed (the change committed): its crops leave the store (ADR 234). A link that is not one of
     * message-service's crops, or was released before, deletes nothing.
     */
    public static final String IMAGE_RELEASE = "/internal/uploads/release";
    /**
     * message-service: {@code PATCH} a {@link GroupDmChange} → the group DM as its caller sees it, or the problem
     * (404 {@code UNKNOWN_CHANNEL} for anything that is not a group DM of the caller). server-service forwards
     * {@code PATCH /api/v1/channels/{id}} here for ids that are not server channels (ADR 231).
     */
    public static final String GROUP_DM = "/internal/group-dms/{channelId}";
    /**
     * server-service: {@code POST} a {@link ContentPurged} → 204, an audit-log entry of the deleted channel's
     * removed content (ADR 198); 404 when the server is gone.
     */
    public static final String CONTENT_PURGES = "/internal/servers/{serverId}/content-purges";
    /** media-node: a {@link dev.guildhall.common.media.ColibriPatch} for the conference of one channel. */
    public static final String COLIBRI_CONFERENCE = "/internal/colibri/conferences/{conferenceId}";

    private InternalApi() {
    }
}
