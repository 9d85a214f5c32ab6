package dev.guildhall.server.ban;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.user.UserSummary;

import java.time.Instant;

/** A ban: who, why, by whom, when. */
public record BanResponse(String serverId, String userId, UserSummary user, String reason, String bannedBy,
                          Instant createdAt) {

    public static BanResponse of(BanRow row, UserSummary user) {
        return new BanResponse(Snowflake.format(row.serverId()), Snowflake.format(row.userId()),
                user == null ? UserSummary.unknown(row.userId()) : user, row.reason(), Snowflake.format(row.bannedBy()),
                row.createdAt());
    }
}
