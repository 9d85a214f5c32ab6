export default function ServerSettings(props: { onClose: () => void; channelId?: string; serverId?: string }) {
  void props;
  return null;
}
