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
 * id (USER_UPDATE, profiles) wins over the one a message or member object carried when it was loaded.
 */
export function Avatar({ id, name, url, size = 40, status }: { id: string; name: string; url?: string | null; size?: number; status?: string }) {
  const known = useStore((s) => s.users[id]?.avatar_url);
  const safe = safeUrl(known ?? url);
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
