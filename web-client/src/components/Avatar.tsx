import { useStore } from '../store/store';
import { safeUrl } from '../util/url';

const PALETTE = ['#5865f2', '#3ba55c', '#faa61a', '#ed4245', '#eb459e', '#00a8fc', '#9b59b6', '#1abc9c'];

export function hue(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/**
 * The user's avatar, or a circle with the initial of their name. An avatar announced live (USER_UPDATE, which
 * reaches everyone who shares a server with the user: ADR 257) wins over the one a message or member object carried
 * when it was loaded — a removal too; otherwise the newest non-null avatar this client knows for the id (profiles,
 * member lists), else the carried one. A loaded object's null does not hide a carried avatar: a read model (the
 * member list's) can lag a change that the message already shows.
 */
export function Avatar({ id, name, url, size = 40, status }: { id: string; name: string; url?: string | null; size?: number; status?: string }) {
  const live = useStore((s) => (id in s.liveAvatars ? s.liveAvatars[id] : undefined));
  const known = useStore((s) => s.users[id]?.avatar_url);
  const safe = safeUrl(live !== undefined ? live : (known ?? url));
  return (
    <span className="avatar" style={{ width: size, height: size }} aria-hidden="true">
      {safe ? (
        <img src={safe} alt="" width={size} height={size} />
      ) : (
        <span className="avatar-initial" style={{ background: hue(id), fontSize: size * 0.45 }}>
          {(name || '?').charAt(0).toUpperCase()}
        </span>
      )}
      {status && <span className={`status-dot status-${status}`} />}
    </span>
  );
}
