export default function UserSettings(props: { onClose: () => void; channelId?: string; serverId?: string }) {
  void props;
  return null;
}
