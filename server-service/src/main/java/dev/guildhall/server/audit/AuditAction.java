package dev.guildhall.server.audit;

/** What an audit-log entry records; the name is the {@code action_type} clients see and filter by. */
public enum AuditAction {
    SERVER_UPDATE,
    CHANNEL_CREATE,
    CHANNEL_UPDATE,
    CHANNEL_DELETE,
    CHANNEL_OVERWRITE_CREATE,
    CHANNEL_OVERWRITE_UPDATE,
    CHANNEL_OVERWRITE_DELETE,
    ROLE_CREATE,
    ROLE_UPDATE,
    ROLE_DELETE,
    MEMBER_UPDATE,
    MEMBER_ROLE_UPDATE,
    MEMBER_KICK,
    MEMBER_BAN_ADD,
    MEMBER_BAN_REMOVE,
    INVITE_CREATE,
    INVITE_DELETE,
    /** A bot added to the server with its managed role, or its permissions changed by adding it again (ADR 153). */
    BOT_ADD,
    BOT_REMOVE,
    /**
     * The content of a deleted channel was removed (ADR 198): recorded by message-service when its deletion
     * finishes, with the channel as target and the counts as {@code after}; Discord's name for removing many messages.
     */
    MESSAGE_BULK_DELETE
}
