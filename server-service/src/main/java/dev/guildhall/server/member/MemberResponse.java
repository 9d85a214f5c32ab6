package dev.guildhall.server.member;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.user.UserSummary;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The v1 member object: role ids without @everyone. */
public record MemberResponse(String userId, String serverId, UserSummary user, List<String> roles, String nick,
                             Instant joinedAt) {

    public static MemberResponse of(MemberRow row, Collection<Long> roles, UserSummary user) {
        return new MemberResponse(Snowflake.format(row.userId()), Snowflake.format(row.serverId()),
                user == null ? UserSummary.unknown(row.userId()) : user,
                roles.stream().sorted().map(Snowflake::format).toList(), row.nick(), row.joinedAt());
    }
}
