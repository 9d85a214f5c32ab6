import { type FormEvent, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Server } from '../api/types';
import { usePermissions } from '../app/hooks';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { P, has } from '../store/permissions';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { ImageUpload } from './ImageUpload';
import { AuditLog, Bans, Invites, Members } from './ServerMembers';
import Integrations from './Integrations';
import { Roles } from './ServerRoles';
import { Err } from './shared';

type Tab = 'overview' | 'roles' | 'members' | 'invites' | 'bans' | 'audit' | 'integrations';

export default function ServerSettings({ serverId, onClose }: { serverId: string; onClose: () => void }) {
  const server = useStore((s) => s.servers[serverId]);
  const perms = usePermissions(serverId);
  const tabs: [Tab, string, boolean][] = [
    ['overview', 'Overview', has(perms, P.MANAGE_SERVER)],
    ['roles', 'Roles', has(perms, P.MANAGE_ROLES)],
    ['members', 'Members', has(perms, P.MANAGE_ROLES) || has(perms, P.KICK_MEMBERS) || has(perms, P.BAN_MEMBERS)],
    ['invites', 'Invites', has(perms, P.MANAGE_SERVER)],
    ['bans', 'Bans', has(perms, P.BAN_MEMBERS)],
    ['audit', 'Audit log', has(perms, P.VIEW_AUDIT_LOG)],
    ['integrations', 'Integrations', has(perms, P.MANAGE_SERVER) || has(perms, P.MANAGE_WEBHOOKS)],
  ];
  const allowed = tabs.filter((t) => t[2]);
  const [tab, setTab] = useState<Tab>(allowed[0]?.[0] ?? 'overview');
  if (!server) return null;
  return (
    <Dialog label="Server settings" title={`${server.server_name} — settings`} onClose={onClose} className="wide">
      <div className="settings">
        <div className="settings-nav" role="tablist" aria-label="Server settings">
          {allowed.map(([id, label]) => (
            <button type="button" role="tab" key={id} aria-selected={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
        <div className="settings-page" role="tabpanel" aria-label={allowed.find((t) => t[0] === tab)?.[1]}>
          {tab === 'overview' && <Overview server={server} onClose={onClose} />}
          {tab === 'roles' && <Roles serverId={serverId} />}
          {tab === 'members' && <Members serverId={serverId} />}
          {tab === 'invites' && <Invites serverId={serverId} />}
          {tab === 'bans' && <Bans serverId={serverId} />}
          {tab === 'audit' && <AuditLog serverId={serverId} />}
          {tab === 'integrations' && <Integrations serverId={serverId} />}
        </div>
      </div>
    </Dialog>
  );
}

function Overview({ server, onClose }: { server: Server; onClose: () => void }) {
  const [name, setName] = useState(server.server_name);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const me = useStore((s) => s.me);
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const s = await api<Server>(`/servers/${server.server_id}`, { method: 'PATCH', body: { server_name: name.trim() } });
      store.dispatch({ type: 'SERVER_UPSERT', server: s });
      setMsg('Saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="form" onSubmit={save}>
      <h3>Overview</h3>
      <ImageUpload
        what="server icon"
        purpose="icon"
        id={server.server_id}
        name={server.server_name}
        url={server.icon_url}
        apply={async (uploadId) => {
          const s = await api<Server>(`/servers/${server.server_id}`, { method: 'PATCH', body: { icon_upload_id: uploadId } });
          store.dispatch({ type: 'SERVER_UPSERT', server: s });
        }}
      />
      <label htmlFor="settings-server-name">Server name</label>
      <input id="settings-server-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      <Err e={error} />
      {msg && <p className="muted">{msg}</p>}
      <div>
        <button type="submit" className="btn" disabled={!name.trim() || name.trim() === server.server_name}>
          Save
        </button>
      </div>
      {me?.user_id === server.owner_id && (
        <>
          <h3>Danger zone</h3>
          <div>
            <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
              Delete server
            </button>
          </div>
        </>
      )}
      {confirm && (
        <ConfirmDialog
          label="Delete server"
          text={<p>Delete {server.server_name}? Every channel and message goes with it. This cannot be undone.</p>}
          confirm="Delete server"
          onClose={() => setConfirm(false)}
          onConfirm={async () => {
            try {
              await api(`/servers/${server.server_id}`, { method: 'DELETE' });
              store.dispatch({ type: 'DISPATCH', t: 'SERVER_DELETE', d: { server_id: server.server_id } });
              onClose();
              navigate('/channels/@me');
            } catch (err) {
              setError(errorText(err));
            }
          }}
        />
      )}
    </form>
  );
}

