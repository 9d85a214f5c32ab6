export default function ChannelSettings(props: { onClose: () => void; channelId?: string; serverId?: string }) {
  void props;
  return null;
}
