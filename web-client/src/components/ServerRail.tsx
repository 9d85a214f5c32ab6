import { safeUrl } from '../util/url';
import { type FormEvent, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Channel, Role, Server } from '../api/types';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

function serverUnread(serverId: string): { unread: boolean; mentions: number } {
  const s = store.getState();
  let unread = false;
  let mentions = 0;
  for (const rs of Object.values(s.readStates)) {
    if (rs.server_id !== serverId || !s.channels[rs.channel_id]) continue;
    if (rs.unread_count > 0) unread = true;
    mentions += rs.mention_count;
  }
  return { unread, mentions };
}

export function ServerRail({ activeServer }: { activeServer: string | null }) {
  const order = useStore((s) => s.serverOrder);
  const servers = useStore((s) => s.servers);
  useStore((s) => s.readStates);
  const [creating, setCreating] = useState(false);
  const dmMentions = useStore((s) =>
    Object.values(s.readStates).reduce((n, r) => n + (r.server_id === null && s.dms[r.channel_id] ? r.unread_count : 0), 0),
  );
  return (
    <nav className="rail" aria-label="Servers">
      <button
        type="button"
        className={`rail-item home ${activeServer === null ? 'active' : ''}`}
        aria-label="Direct Messages"
        title="Direct Messages"
        onClick={() => navigate('/channels/@me')}
      >
        <Icon name="home" size={22} />
        {dmMentions > 0 && <span className="badge rail-badge">{dmMentions}</span>}
      </button>
      <div className="rail-sep" />
      {order.map((id) => {
        const server = servers[id];
        if (!server?.server_name) return null;
        const { unread, mentions } = serverUnread(id);
        return (
          <button
            type="button"
            key={id}
            className={`rail-item ${activeServer === id ? 'active' : ''} ${unread ? 'unread' : ''}`}
            aria-label={server.server_name}
            aria-current={activeServer === id ? 'page' : undefined}
            title={server.server_name}
            onClick={() => navigate(`/channels/${id}`)}
          >
            {safeUrl(server.icon_url) ? (
              <img className="rail-icon" src={safeUrl(server.icon_url)!} alt="" />
            ) : (
              <span aria-hidden="true">{initials(server.server_name)}</span>
            )}
            {mentions > 0 && (
              <span className="badge rail-badge" aria-hidden="true">
                {mentions}
              </span>
            )}
          </button>
        );
      })}
      <button type="button" className="rail-item add" aria-label="Create a server" title="Create a server" onClick={() => setCreating(true)}>
        <span aria-hidden="true">+</span>
      </button>
      {creating && <CreateServerDialog onClose={() => setCreating(false)} />}
    </nav>
  );
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (
    words
      .slice(0, 3)
      .map((w) => [...w][0])
      .join('') || '?'
  );
}

function CreateServerDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const server = await api<Server>('/servers', { method: 'POST', body: { server_name: name.trim() } });
      const [channels, roles] = await Promise.all([
        api<Channel[]>(`/servers/${server.server_id}/channels`).catch(() => undefined),
        api<Role[]>(`/servers/${server.server_id}/roles`).catch(() => undefined),
      ]);
      store.dispatch({ type: 'SERVER_UPSERT', server: { ...server, channels, roles } });
      onClose();
      navigate(`/channels/${server.server_id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }
  return (
    <Dialog label="Create a server" onClose={onClose}>
      <form onSubmit={submit} className="dialog-body form">
        <p className="muted">Your server is where you and your friends hang out.</p>
        <label htmlFor="server-name">Server name</label>
        <input id="server-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn" disabled={busy || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
