package dev.guildhall.server.member;

import java.time.Instant;

/** A row of {@code server_members}. */
public record MemberRow(long serverId, long userId, String nick, Instant joinedAt) {
}
