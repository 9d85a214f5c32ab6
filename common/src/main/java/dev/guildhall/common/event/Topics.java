package dev.guildhall.common.event;

/** Kafka topic names and what each is keyed by. */
public final class Topics {

    /** Key: channel id. */
    public static final String MESSAGES = "messages";
    /** Key: channel id. */
    public static final String VOICE_EVENTS = "voice-events";
    /** Key: server id. */
    public static final String SERVER_EVENTS = "server-events";
    /** Key: user id. */
    public static final String USER_EVENTS = "user-events";
    /** Key: application id. */
    public static final String BOT_EVENTS = "bot-events";
    /** Key: user id. */
    public static final String PRESENCE = "presence";

    private Topics() {
    }
}
