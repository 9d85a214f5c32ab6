package dev.guildhall.server.channel;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.permission.PermissionOverwrite;
import dev.guildhall.server.access.Scope;
import org.springframework.stereotype.Component;

import java.util.List;

/** Loads a channel of the scope's server as the caller may see it: 404 if it is not there or not visible. */
@Component
public class ChannelFinder {

    private final ChannelRepository channels;
    private final OverwriteRepository overwrites;

    public ChannelFinder(ChannelRepository channels, OverwriteRepository overwrites) {
        this.channels = channels;
        this.overwrites = overwrites;
    }

    public VisibleChannel visible(Scope scope, long channelId) {
        ChannelRow row = channels.find(scope.db(), scope.serverId(), channelId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        List<PermissionOverwrite> list = overwrites.forChannel(scope.db(), channelId);
        long permissions = scope.actor().inChannel(list);
        if (!scope.actor().canView(list)) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
        }
        return new VisibleChannel(row, list, permissions);
    }
}
