import { logout } from '../api/auth';
import type { Status } from '../api/types';
import { setStatus } from '../app/client';
import { useStore } from '../store/store';
import { Avatar } from './Avatar';
import { Icon } from './Icon';

const STATUSES: [Status, string][] = [
  ['online', 'Online'],
  ['idle', 'Idle'],
  ['dnd', 'Do Not Disturb'],
  ['invisible', 'Invisible'],
];

export function UserPanel({ onOpenSettings }: { onOpenSettings: () => void }) {
  const me = useStore((s) => s.me);
  const status = useStore((s) => s.myStatus);
  if (!me) return null;
  return (
    <section className="user-panel" aria-label="User">
      <Avatar id={me.user_id} name={me.username ?? '?'} url={me.avatar_url} size={32} status={status === 'invisible' ? 'offline' : status} />
      <div className="user-panel-info">
        <div className="user-panel-name">{me.username}</div>
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as Status)} className="status-select">
          {STATUSES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="icon-btn" aria-label="User settings" title="User settings" onClick={onOpenSettings}>
        <Icon name="gear" />
      </button>
      <button type="button" className="btn small secondary" onClick={() => void logout()}>
        Log out
      </button>
    </section>
  );
}
