package dev.guildhall.voice.channel;

import dev.guildhall.common.permission.Permission;

/** A channel as voice sees it for one user: where it is, what kind, and what the user may do in it. */
public record VoiceChannel(long serverId, long channelId, String type, long permissions) {

    public boolean isVoice() {
        return "voice".equals(type) || "video".equals(type);
    }

    public boolean can(Permission permission) {
        return permission.in(permissions) || Permission.ADMINISTRATOR.in(permissions);
    }
}
