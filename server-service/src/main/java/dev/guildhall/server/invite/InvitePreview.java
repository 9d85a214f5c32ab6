package dev.guildhall.server.invite;

import java.time.Instant;

/**
 * {@code GET /invites/{code}}: the invite plus what someone deciding whether to join may see —
 * the server's name and icon, the channel's name and type, and the member count.
 */
public record InvitePreview(String code, String serverId, String channelId, String inviterId, int maxAge, int maxUses,
                            int uses, Instant expiresAt, ServerPart server, ChannelPart channel,
                            int approximateMemberCount) {

    public record ServerPart(String serverId, String serverName, String iconUrl) {
    }

    public record ChannelPart(String channelId, String channelName, String channelType) {
    }
}
