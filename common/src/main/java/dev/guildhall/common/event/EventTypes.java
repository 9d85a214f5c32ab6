package dev.guildhall.common.event;

/** Dispatch names, as the client sees them in {@code t}. */
public final class EventTypes {

    public static final String SERVER_CREATE = "SERVER_CREATE";
    public static final String SERVER_UPDATE = "SERVER_UPDATE";
    public static final String SERVER_DELETE = "SERVER_DELETE";
    public static final String CHANNEL_CREATE = "CHANNEL_CREATE";
    public static final String CHANNEL_UPDATE = "CHANNEL_UPDATE";
    public static final String CHANNEL_DELETE = "CHANNEL_DELETE";
    public static final String SERVER_MEMBER_ADD = "SERVER_MEMBER_ADD";
    public static final String SERVER_MEMBER_UPDATE = "SERVER_MEMBER_UPDATE";
    public static final String SERVER_MEMBER_REMOVE = "SERVER_MEMBER_REMOVE";
    public static final String SERVER_BAN_ADD = "SERVER_BAN_ADD";
    public static final String SERVER_BAN_REMOVE = "SERVER_BAN_REMOVE";
    public static final String SERVER_ROLE_CREATE = "SERVER_ROLE_CREATE";
    public static final String SERVER_ROLE_UPDATE = "SERVER_ROLE_UPDATE";
    public static final String SERVER_ROLE_DELETE = "SERVER_ROLE_DELETE";
    public static final String INVITE_CREATE = "INVITE_CREATE";
    public static final String INVITE_DELETE = "INVITE_DELETE";
    public static final String MESSAGE_CREATE = "MESSAGE_CREATE";
    public static final String MESSAGE_UPDATE = "MESSAGE_UPDATE";
    public static final String MESSAGE_DELETE = "MESSAGE_DELETE";
    public static final String MESSAGE_REACTION_ADD = "MESSAGE_REACTION_ADD";
    public static final String MESSAGE_REACTION_REMOVE = "MESSAGE_REACTION_REMOVE";
    public static final String CHANNEL_PINS_UPDATE = "CHANNEL_PINS_UPDATE";
    /** A user joined a group DM: {@code {channel_id, user}} (ADR 199). */
    public static final String CHANNEL_RECIPIENT_ADD = "CHANNEL_RECIPIENT_ADD";
    /** A user left or was removed from a group DM: {@code {channel_id, user}} (ADR 199). */
    public static final String CHANNEL_RECIPIENT_REMOVE = "CHANNEL_RECIPIENT_REMOVE";
    public static final String TYPING_START = "TYPING_START";
    public static final String PRESENCE_UPDATE = "PRESENCE_UPDATE";
    public static final String VOICE_STATE_UPDATE = "VOICE_STATE_UPDATE";
    /** To one user only: their voice connection moved to another media node ({@code endpoint}, {@code voice_token}). */
    public static final String VOICE_SERVER_UPDATE = "VOICE_SERVER_UPDATE";
    public static final String USER_UPDATE = "USER_UPDATE";
    public static final String USER_CREATE = "USER_CREATE";

    private EventTypes() {
    }
}
