package dev.guildhall.message.dm;

import dev.guildhall.message.user.UserView;

import java.time.Instant;
import java.util.List;

/**
 * A group DM as the API shows it (ADR 199): {@code channel_type} {@code group_dm}, no server, the other
 * recipients (as for a 1:1 DM, the caller is not listed; events list everyone), {@code name} (null until
 * set), {@code icon_url} (the 256 px crop of its icon, ADR 231; null without one) and {@code owner_id}.
 */
public record GroupDmView(String channelId, String serverId, String channelType, List<UserView> recipients,
                          String name, String iconUrl, String ownerId, Instant createdAt) {

    public static final String TYPE = "group_dm";
}
