import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Invite, Member } from '../api/types';
import { loadMembers } from '../app/client';
import { colorOf, usePermissions } from '../app/hooks';
import { ConfirmDialog } from '../components/Dialog';
import { P, has } from '../store/permissions';
import { store, useStore } from '../store/store';
import { Err, sortedRoles, useList } from './shared';

export function Members({ serverId }: { serverId: string }) {
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

export function Invites({ serverId }: { serverId: string }) {
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

export function Bans({ serverId }: { serverId: string }) {
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

export function AuditLog({ serverId }: { serverId: string }) {
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
