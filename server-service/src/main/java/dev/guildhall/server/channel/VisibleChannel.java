package dev.guildhall.server.channel;

import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.common.permission.PermissionOverwrite;

import java.util.List;

/** A channel the caller can see, with its overwrites and the caller's permissions in it. */
public record VisibleChannel(ChannelRow row, List<PermissionOverwrite> overwrites, long permissions) {

    public boolean has(Permission permission) {
        return permission.in(permissions);
    }

    public void require(Permission permission) {
        if (!has(permission)) {
            throw GuildhallException.missing(permission.name());
        }
    }

    public ChannelResponse response() {
        return ChannelResponse.of(row, overwrites);
    }
}
