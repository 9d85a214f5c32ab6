package dev.guildhall.server.invite;

import java.time.Instant;

/** A row of {@code invites}. {@code maxAge} 0 = never expires, {@code maxUses} 0 = unlimited. */
public record InviteRow(String code, long serverId, long channelId, long inviterId, int maxAge, int maxUses, int uses,
                        Instant createdAt, Instant expiresAt) {

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean exhausted() {
        return maxUses > 0 && uses >= maxUses;
    }
}
