package dev.guildhall.bot.autoresponse;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One server's rule: when a message matches {@link Trigger}, the server's system bot does what {@link Response}
 * says (ADR 158).
 *
 * @param channelIds the channels it listens in; empty = every channel of the server
 */
public record AutoResponse(long autoResponseId, long serverId, String name, Trigger trigger, Response response,
                           List<Long> channelIds, boolean enabled, long createdBy, Instant createdAt,
                           Instant updatedAt) {

    public static final int NAME_MAX = 100;

    public enum TriggerType {
        /** {@code !rules}, alone or followed by whitespace and arguments ({@code {args}}). */
        PREFIX_COMMAND,
        /** The text appears anywhere in the message. */
        KEYWORD,
        /** An RE2 pattern finds a match anywhere in the message. */
        REGEX;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static TriggerType fromWire(String value) {
            for (TriggerType type : values()) {
                if (type.wire().equals(value)) {
                    return type;
                }
            }
            return null;
        }
    }

    public record Trigger(TriggerType type, String value, boolean caseSensitive) {
    }

    /**
     * @param content       text posted in the channel, with {@code {user} {server} {channel} {args}} substituted
     * @param embed         an embed posted with it (Discord's embed object), stored as given
     * @param reaction      an emoji the bot reacts with on the trigger message
     * @param deleteTrigger the trigger message is deleted
     * @param reply         the answer is a reply to the trigger message
     */
    public record Response(String content, JsonNode embed, String reaction, boolean deleteTrigger, boolean reply) {

        public boolean posts() {
            return content != null || embed != null;
        }
    }

    public boolean listensIn(long channelId) {
        return channelIds.isEmpty() || channelIds.contains(channelId);
    }
}
