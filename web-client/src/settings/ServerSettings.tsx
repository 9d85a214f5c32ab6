import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Invite, Member, Role, Server } from '../api/types';
import { loadMembers } from '../app/client';
import { colorOf, usePermissions } from '../app/hooks';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { P, PERMISSION_LABELS, has, parseBits } from '../store/permissions';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';

type Tab = 'overview' | 'roles' | 'members' | 'invites' | 'bans' | 'audit';

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
        </div>
      </div>
    </Dialog>
  );
}

function Err({ e }: { e: string | null }) {
  return e ? (
    <p className="form-error" role="alert">
      {e}
    </p>
  ) : null;
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

function sortedRoles(roles: Record<string, Role> | undefined): Role[] {
  return Object.values(roles ?? {}).sort((a, b) => b.position - a.position);
}

function Roles({ serverId }: { serverId: string }) {
  const roles = sortedRoles(useStore((s) => s.roles[serverId]));
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const role = roles.find((r) => r.role_id === selected) ?? null;

  async function create() {
    setError(null);
    try {
      const r = await api<Role>(`/servers/${serverId}/roles`, { method: 'POST', body: { name: 'new role', permissions: '0', color: 0, hoist: false, mentionable: false } });
      store.dispatch({ type: 'ROLE_UPSERT', role: r });
      setSelected(r.role_id);
    } catch (e) {
      setError(errorText(e));
    }
  }
  async function move(r: Role, delta: number) {
    const movable = roles.filter((x) => x.role_id !== serverId);
    const i = movable.findIndex((x) => x.role_id === r.role_id);
    const j = i - delta; // list is highest first
    if (j < 0 || j >= movable.length) return;
    [movable[i], movable[j]] = [movable[j], movable[i]];
    const body = movable.map((x, idx) => ({ id: x.role_id, position: movable.length - idx }));
    try {
      const list = await api<Role[]>(`/servers/${serverId}/roles`, { method: 'PATCH', body });
      (list ?? []).forEach((x) => store.dispatch({ type: 'ROLE_UPSERT', role: x }));
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <div className="split">
      <div>
        <h3>Roles</h3>
        <button type="button" className="btn small" onClick={create}>
          Create role
        </button>
        <ul className="target-list" aria-label="Roles">
          {roles.map((r) => (
            <li key={r.role_id}>
              <button type="button" aria-selected={selected === r.role_id} onClick={() => setSelected(r.role_id)}>
                <span className="role-dot" style={{ background: colorOf(r.color) ?? '#99aab5' }} /> {r.role_id === serverId ? '@everyone' : r.name}
              </button>
            </li>
          ))}
        </ul>
        <Err e={error} />
      </div>
      <div>{role ? <RoleEditor key={role.role_id} role={role} serverId={serverId} onMove={(d) => move(role, d)} onDeleted={() => setSelected(null)} /> : <p className="muted">Pick a role to edit it.</p>}</div>
    </div>
  );
}

function RoleEditor({ role, serverId, onMove, onDeleted }: { role: Role; serverId: string; onMove: (d: number) => void; onDeleted: () => void }) {
  const everyone = role.role_id === serverId;
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(colorOf(role.color) ?? '#99aab5');
  const [colorTouched, setColorTouched] = useState(false);
  const [hoist, setHoist] = useState(role.hoist);
  const [mentionable, setMentionable] = useState(role.mentionable);
  const [perms, setPerms] = useState(parseBits(role.permissions));
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMsg(null);
    const body: Record<string, unknown> = { permissions: perms.toString() };
    if (!everyone) Object.assign(body, { name: name.trim(), hoist, mentionable });
    if (!everyone && colorTouched) body.color = parseInt(color.slice(1), 16) || 0;
    try {
      const r = await api<Role>(`/servers/${serverId}/roles/${role.role_id}`, { method: 'PATCH', body });
      store.dispatch({ type: 'ROLE_UPSERT', role: r });
      setMsg('Role saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="form" onSubmit={save} aria-label={`Edit role ${everyone ? '@everyone' : role.name}`}>
      <h3>{everyone ? '@everyone' : role.name}</h3>
      {!everyone && (
        <>
          <label htmlFor="role-name">Role name</label>
          <input id="role-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
          <label htmlFor="role-color">Role color</label>
          <input id="role-color" type="color" value={color} onChange={(e) => {
              setColor(e.target.value);
              setColorTouched(true);
            }}
          />
          <div className="toggle-row">
            <label htmlFor="role-hoist">Show members separately</label>
            <input id="role-hoist" type="checkbox" checked={hoist} onChange={(e) => setHoist(e.target.checked)} />
          </div>
          <div className="toggle-row">
            <label htmlFor="role-mentionable">Allow anyone to @mention this role</label>
            <input id="role-mentionable" type="checkbox" checked={mentionable} onChange={(e) => setMentionable(e.target.checked)} />
          </div>
          <div className="row">
            <button type="button" className="btn secondary small" onClick={() => onMove(1)}>
              Move up
            </button>
            <button type="button" className="btn secondary small" onClick={() => onMove(-1)}>
              Move down
            </button>
          </div>
        </>
      )}
      <h3>Permissions</h3>
      {PERMISSION_LABELS.map(([key, label]) => (
        <div className="toggle-row" key={key}>
          <label htmlFor={`perm-${key}`}>{label}</label>
          <input
            id={`perm-${key}`}
            type="checkbox"
            checked={has(perms, P[key])}
            onChange={(e) => setPerms((p) => (e.target.checked ? p | P[key] : p & ~P[key]))}
          />
        </div>
      ))}
      <Err e={error} />
      {msg && (
        <p className="muted" role="status">
          {msg}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn">
          Save
        </button>
        {!everyone && (
          <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
            Delete role
          </button>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          label="Delete role"
          text={<p>Delete the role {role.name}?</p>}
          confirm="Delete"
          onClose={() => setConfirm(false)}
          onConfirm={async () => {
            try {
              await api(`/servers/${serverId}/roles/${role.role_id}`, { method: 'DELETE' });
              store.dispatch({ type: 'DISPATCH', t: 'SERVER_ROLE_DELETE', d: { server_id: serverId, role_id: role.role_id } });
              onDeleted();
            } catch (err) {
              setError(errorText(err));
            }
          }}
        />
      )}
    </form>
  );
}

function Members({ serverId }: { serverId: string }) {
  const members = useStore((s) => s.members[serverId]);
  const roles = sortedRoles(useStore((s) => s.roles[serverId])).filter((r) => r.role_id !== serverId);
  const server = useStore((s) => s.servers[serverId]);
  const me = useStore((s) => s.me);
  const perms = usePermissions(serverId);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<null | { kind: 'kick' | 'ban'; member: Member }>(null);
  useEffect(() => {
    loadMembers(serverId).catch((e) => setError(errorText(e)));
  }, [serverId]);

  async function toggleRole(m: Member, roleId: string, on: boolean) {
    setError(null);
    const roles = on ? [...m.roles, roleId] : m.roles.filter((r) => r !== roleId);
    store.dispatch({ type: 'MEMBER_LOADED', member: { ...m, roles } });
    try {
      await api(`/servers/${serverId}/members/${m.user_id}/roles/${roleId}`, { method: on ? 'PUT' : 'DELETE' });
    } catch (e) {
      store.dispatch({ type: 'MEMBER_LOADED', member: m });
      setError(errorText(e));
    }
  }
  const list = Object.values(members ?? {}).sort((a, b) => (a.user.username ?? '').localeCompare(b.user.username ?? ''));
  return (
    <div>
      <h3>Members</h3>
      <Err e={error} />
      <table className="table" aria-label="Members">
        <tbody>
          {list.map((m) => {
            const name = m.nick ?? m.user.username ?? m.user_id;
            const isOwner = m.user_id === server?.owner_id;
            return (
              <tr key={m.user_id} aria-label={name}>
                <td>
                  <strong>{name}</strong>
                  {isOwner && <span className="muted small"> (owner)</span>}
                </td>
                <td>
                  {has(perms, P.MANAGE_ROLES) &&
                    roles.map((r) => (
                      <label key={r.role_id} className="toggle-inline" style={{ marginRight: 10, textTransform: 'none', display: 'inline-flex', gap: 4 }}>
                        <input type="checkbox" checked={m.roles.includes(r.role_id)} onChange={(e) => toggleRole(m, r.role_id, e.target.checked)} />
                        <span style={{ color: colorOf(r.color) }}>{r.name}</span>
                      </label>
                    ))}
                </td>
                <td>
                  {!isOwner && m.user_id !== me?.user_id && (
                    <>
                      {has(perms, P.KICK_MEMBERS) && (
                        <button type="button" className="btn small secondary" onClick={() => setConfirm({ kind: 'kick', member: m })}>
                          Kick
                        </button>
                      )}{' '}
                      {has(perms, P.BAN_MEMBERS) && (
                        <button type="button" className="btn small danger" onClick={() => setConfirm({ kind: 'ban', member: m })}>
                          Ban
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirm && (
        <ConfirmDialog
          label={confirm.kind === 'kick' ? 'Kick member' : 'Ban member'}
          text={<p>{confirm.kind === 'kick' ? 'Kick' : 'Ban'} {confirm.member.user.username} from the server?</p>}
          confirm={confirm.kind === 'kick' ? 'Kick' : 'Ban'}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              const m = confirm.member;
              if (confirm.kind === 'kick') await api(`/servers/${serverId}/members/${m.user_id}`, { method: 'DELETE' });
              else await api(`/servers/${serverId}/bans/${m.user_id}`, { method: 'PUT', body: {} });
              store.dispatch({ type: 'DISPATCH', t: 'SERVER_MEMBER_REMOVE', d: { server_id: serverId, user_id: m.user_id } });
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
    </div>
  );
}

function useList<T>(path: string): [T[] | null, string | null, () => void] {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api<T[]>(path)
      .then(setList)
      .catch((e) => setError(errorText(e)));
  }, [path, n]);
  return [list, error, () => setN((x) => x + 1)];
}

function Invites({ serverId }: { serverId: string }) {
  const [list, error, reload] = useList<Invite>(`/servers/${serverId}/invites`);
  const channels = useStore((s) => s.channels);
  const [err, setErr] = useState<string | null>(null);
  return (
    <div>
      <h3>Invites</h3>
      <Err e={error ?? err} />
      {list && list.length === 0 && <p className="muted">No active invites.</p>}
      <table className="table" aria-label="Invites">
        <tbody>
          {list?.map((i) => (
            <tr key={i.code} aria-label={i.code}>
              <td>
                <code>{i.code}</code>
              </td>
              <td>#{channels[i.channel_id]?.channel_name ?? 'unknown'}</td>
              <td>
                {i.uses}
                {i.max_uses ? ` / ${i.max_uses}` : ''} uses
              </td>
              <td>{i.expires_at ? `expires ${new Date(i.expires_at).toLocaleString()}` : 'never expires'}</td>
              <td>
                <button
                  type="button"
                  className="btn small danger"
                  onClick={() =>
                    api(`/invites/${encodeURIComponent(i.code)}`, { method: 'DELETE' })
                      .then(reload)
                      .catch((e) => setErr(errorText(e)))
                  }
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Bans({ serverId }: { serverId: string }) {
  const [list, error, reload] = useList<{ user_id: string; user?: { username: string | null }; reason: string | null }>(`/servers/${serverId}/bans`);
  const [err, setErr] = useState<string | null>(null);
  return (
    <div>
      <h3>Bans</h3>
      <Err e={error ?? err} />
      {list && list.length === 0 && <p className="muted">Nobody is banned.</p>}
      <table className="table" aria-label="Bans">
        <tbody>
          {list?.map((b) => (
            <tr key={b.user_id}>
              <td>{b.user?.username ?? b.user_id}</td>
              <td className="muted">{b.reason ?? ''}</td>
              <td>
                <button
                  type="button"
                  className="btn small secondary"
                  onClick={() =>
                    api(`/servers/${serverId}/bans/${b.user_id}`, { method: 'DELETE' })
                      .then(reload)
                      .catch((e) => setErr(errorText(e)))
                  }
                >
                  Unban
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface AuditEntry {
  id: string;
  user_id: string;
  action_type: string;
  target_id: string | null;
  reason: string | null;
  created_at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

function describe(e: AuditEntry): ReactNode {
  const obj = e.after ?? e.before ?? {};
  const label = (obj.channel_name ?? obj.name ?? obj.server_name ?? obj.code ?? (obj.user as { username?: string } | undefined)?.username ?? e.target_id ?? '') as string;
  return (
    <>
      <code>{e.action_type}</code> {label}
    </>
  );
}

function AuditLog({ serverId }: { serverId: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const members = useStore((s) => s.members[serverId]);
  useEffect(() => {
    api<{ audit_log_entries: AuditEntry[] }>(`/servers/${serverId}/audit-log?limit=100`)
      .then((r) => setEntries(r.audit_log_entries))
      .catch((e) => setError(errorText(e)));
  }, [serverId]);
  return (
    <div>
      <h3>Audit log</h3>
      <Err e={error} />
      {entries && entries.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <table className="table" aria-label="Audit log">
        <tbody>
          {entries?.map((e) => (
            <tr key={e.id}>
              <td className="muted small">{new Date(e.created_at).toLocaleString()}</td>
              <td>{members?.[e.user_id]?.user.username ?? e.user_id}</td>
              <td>
                {describe(e)}
                {e.reason && <span className="muted"> — {e.reason}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
