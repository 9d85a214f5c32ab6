package dev.guildhall.message.dm;

import dev.guildhall.message.user.UserView;

import java.time.Instant;
import java.util.List;

/**
 * A direct-message channel as the API shows it: {@code channel_type} {@code dm}, no server, and
 * the other participant in {@code recipients} (as Discord, the caller is not listed). In the
 * CHANNEL_CREATE event both participants are listed.
 */
public record DmChannelView(String channelId, String serverId, String channelType, List<UserView> recipients,
                            Instant createdAt) {

    public static final String TYPE = "dm";
}
