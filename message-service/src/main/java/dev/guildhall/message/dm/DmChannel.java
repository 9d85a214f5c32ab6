package dev.guildhall.message.dm;

import java.time.Instant;
import java.util.List;

/** A direct-message channel between two users; {@code userLow < userHigh}. */
public record DmChannel(long channelId, long userLow, long userHigh, Instant createdAt) {

    public DmChannel {
        if (userLow >= userHigh) {
            throw new IllegalArgumentException("a DM needs two distinct users, lower id first");
        }
    }

    public boolean hasParticipant(long userId) {
        return userId == userLow || userId == userHigh;
    }

    /** Who sees the channel's events. */
    public List<Long> participants() {
        return List.of(userLow, userHigh);
    }

    public long otherThan(long userId) {
        return userId == userLow ? userHigh : userLow;
    }
}
