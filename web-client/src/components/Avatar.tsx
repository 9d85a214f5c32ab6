import { useStore } from '../store/store';
import { safeUrl } from '../util/url';

const PALETTE = ['#5865f2', '#3ba55c', '#faa61a', '#ed4245', '#eb459e', '#00a8fc', '#9b59b6', '#1abc9c'];

export function hue(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/**
 * The user's avatar, or a circle with the initial of their name. The newest avatar this client knows for the
 * id (USER_UPDATE, which reaches everyone who shares a server with the user: ADR 257; profiles) wins over the
 * one a message or member object carried when it was loaded.
 */
export function Avatar({ id, name, url, size = 40, status }: { id: string; name: string; url?: string | null; size?: number; status?: string }) {
  // null is an answer too: an avatar removed since the message or member was loaded shows the initial again
  const known = useStore((s) => {
    const user = s.users[id];
    return user && 'avatar_url' in user ? user.avatar_url : undefined;
  });
  const safe = safeUrl(known !== undefined ? known : url);
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
