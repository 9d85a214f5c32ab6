package dev.guildhall.server.channel;

/** A row of {@code channels}. */
public record ChannelRow(long channelId, long serverId, String name, ChannelType type, Long parentId, int position) {

    public ChannelRow with(String newName, int newPosition, Long newParentId) {
        return new ChannelRow(channelId, serverId, newName, type, newParentId, newPosition);
    }
}
