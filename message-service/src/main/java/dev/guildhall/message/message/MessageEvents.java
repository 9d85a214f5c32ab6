package dev.guildhall.message.message;

/** {@code data} of message events that do not carry a whole message object. */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** MESSAGE_DELETE. */
    public record Deleted(String messageId, String channelId, String serverId) {
    }
}
