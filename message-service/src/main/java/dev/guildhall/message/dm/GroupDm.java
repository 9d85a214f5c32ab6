package dev.guildhall.message.dm;

import java.time.Instant;
import java.util.List;

/**
 * A group DM channel (ADR 199).
 *
 * @param iconUrl    the 256 px crop of its icon upload (ADR 231), null without an icon
 * @param recipients everyone in the channel, the owner included, in the order they were added
 */
public record GroupDm(long channelId, long ownerId, String name, String iconUrl, List<Long> recipients, Instant createdAt) {

    /** At most this many people in a group DM, the owner included (Discord's limit). */
    public static final int MAX_MEMBERS = 10;

    public GroupDm {
        recipients = List.copyOf(recipients);
    }

    public boolean hasRecipient(long userId) {
        return recipients.contains(userId);
    }
}
