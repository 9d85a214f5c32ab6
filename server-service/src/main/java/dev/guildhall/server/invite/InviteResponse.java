package dev.guildhall.server.invite;

import dev.guildhall.common.id.Snowflake;

import java.time.Instant;

/** The v1 invite object. */
public record InviteResponse(String code, String serverId, String channelId, String inviterId, int maxAge, int maxUses,
                             int uses, Instant expiresAt) {

    public static InviteResponse of(InviteRow row) {
        return new InviteResponse(row.code(), Snowflake.format(row.serverId()), Snowflake.format(row.channelId()),
                Snowflake.format(row.inviterId()), row.maxAge(), row.maxUses(), row.uses(), row.expiresAt());
    }
}
