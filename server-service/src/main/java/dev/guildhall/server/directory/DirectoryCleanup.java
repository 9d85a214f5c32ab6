package dev.guildhall.server.directory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Removals from the global indexes, run after the shard commit. A failure here only leaves a
 * stale entry that readers already tolerate (ADR 022), so it is logged rather than failing a
 * request whose change has already happened.
 */
@Component
public class DirectoryCleanup {

    private static final Logger log = LoggerFactory.getLogger(DirectoryCleanup.class);

    private final DirectoryRepository directory;

    public DirectoryCleanup(DirectoryRepository directory) {
        this.directory = directory;
    }

    public void membershipRemoved(long userId, long serverId) {
        quietly("membership " + userId + "@" + serverId, () -> directory.removeMembership(userId, serverId));
    }

    public void channelRemoved(long channelId) {
        quietly("channel " + channelId, () -> directory.removeChannel(channelId));
    }

    public void invitesRemoved(Collection<String> codes) {
        quietly("invites " + codes.size(), () -> directory.removeInvites(codes));
    }

    public void serverRemoved(long serverId) {
        quietly("server " + serverId, () -> directory.removeServer(serverId));
    }

    private static void quietly(String what, Runnable removal) {
        try {
            removal.run();
        } catch (RuntimeException e) {
            log.warn("directory cleanup failed for {}; a stale index entry remains", what, e);
        }
    }
}
