import { useMemo, useState } from 'react';
import { errorText } from '../api/errors';
import type { Member, Role } from '../api/types';
import { openDm } from '../app/client';
import { api } from '../api/http';
import { colorOf, usePermissions } from '../app/hooks';
import { P, has } from '../store/permissions';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';

interface Group {
  key: string;
  name: string;
  members: Member[];
}

function topRole(m: Member, roles: Record<string, Role>, pred: (r: Role) => boolean): Role | null {
  let best: Role | null = null;
  for (const id of m.roles) {
    const r = roles[id];
    if (r && pred(r) && (!best || r.position > best.position)) best = r;
  }
  return best;
}

export function MemberList({ serverId, onClose }: { serverId: string; onClose: () => void }) {
  const members = useStore((s) => s.members[serverId]);
  const roles = useStore((s) => s.roles[serverId]) ?? {};
  const presence = useStore((s) => s.presence);
  const [profile, setProfile] = useState<Member | null>(null);

  const groups = useMemo(() => {
    const online: Record<string, Group> = {};
    const offline: Group = { key: 'offline', name: 'Offline', members: [] };
    const plain: Group = { key: 'online', name: 'Online', members: [] };
    for (const m of Object.values(members ?? {})) {
      const st = presence[m.user_id] ?? 'offline';
      if (st === 'offline' || st === 'invisible') {
        offline.members.push(m);
        continue;
      }
      const hoisted = topRole(m, roles, (r) => r.hoist && r.role_id !== serverId);
      if (hoisted) {
        (online[hoisted.role_id] ??= { key: hoisted.role_id, name: hoisted.name, members: [] }).members.push(m);
      } else plain.members.push(m);
    }
    const byName = (a: Member, b: Member) => (a.nick ?? a.user.username ?? '').localeCompare(b.nick ?? b.user.username ?? '');
    const hoistedGroups = Object.values(online).sort((a, b) => (roles[b.key]?.position ?? 0) - (roles[a.key]?.position ?? 0));
    return [...hoistedGroups, plain, offline].filter((g) => g.members.length > 0).map((g) => ({ ...g, members: g.members.sort(byName) }));
  }, [members, roles, presence, serverId]);

  return (
    <aside className="members" aria-label="Members">
      <header className="panel-head mobile-only">
        <h2>Members</h2>
        <button type="button" className="icon-btn" aria-label="Close member list" onClick={onClose}>
          ×
        </button>
      </header>
      {!members && <p className="muted pad small">Loading members…</p>}
      {groups.map((g) => (
        <section key={g.key} aria-label={g.name}>
          <h3 className="member-group">
            {g.name} — {g.members.length}
          </h3>
          <ul>
            {g.members.map((m) => {
              const st = presence[m.user_id] ?? 'offline';
              const color = colorOf(topRole(m, roles, (r) => !!r.color)?.color);
              const name = m.nick ?? m.user.username ?? 'Unknown user';
              return (
                <li key={m.user_id}>
                  <button type="button" className={`member ${st === 'offline' ? 'offline' : ''}`} onClick={() => setProfile(m)} aria-label={`${name}, ${st}`}>
                    <Avatar id={m.user_id} name={name} url={m.user.avatar_url} size={32} status={st} />
                    <span className="member-name" style={color ? { color } : undefined}>
                      {name}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {profile && <Profile member={profile} serverId={serverId} onClose={() => setProfile(null)} />}
    </aside>
  );
}

function Profile({ member, serverId, onClose }: { member: Member; serverId: string; onClose: () => void }) {
  const me = useStore((s) => s.me);
  const roles = useStore((s) => s.roles[serverId]) ?? {};
  const status = useStore((s) => s.presence[member.user_id] ?? 'offline');
  const [error, setError] = useState<string | null>(null);
  const [nick, setNick] = useState(member.nick ?? '');
  const perms = usePermissions(serverId);
  const canNick = me?.user_id === member.user_id ? has(perms, P.CHANGE_NICKNAME) || has(perms, P.MANAGE_NICKNAMES) : has(perms, P.MANAGE_NICKNAMES);
  const name = member.nick ?? member.user.username ?? 'Unknown user';
  return (
    <Dialog label={`Profile of ${name}`} title={name} onClose={onClose} className="profile">
      <div className="dialog-body">
        <div className="profile-head">
          <Avatar id={member.user_id} name={name} url={member.user.avatar_url} size={64} status={status} />
          <div>
            <div className="profile-name">{name}</div>
            {member.nick && <div className="muted">{member.user.username}</div>}
            <div className="muted small">{status === 'dnd' ? 'Do Not Disturb' : status.charAt(0).toUpperCase() + status.slice(1)}</div>
          </div>
        </div>
        {member.roles.length > 0 && (
          <ul className="role-chips" aria-label="Roles">
            {member.roles
              .map((id) => roles[id])
              .filter(Boolean)
              .map((r) => (
                <li key={r.role_id} className="role-chip">
                  <span className="role-dot" style={{ background: colorOf(r.color) ?? '#99aab5' }} />
                  {r.name}
                </li>
              ))}
          </ul>
        )}
        {canNick && (
          <form
            className="form"
            style={{ marginTop: 12 }}
            onSubmit={async (e) => {
              e.preventDefault();
              setError(null);
              try {
                const who = me?.user_id === member.user_id ? '@me' : member.user_id;
                const updated = await api<Member>(`/servers/${serverId}/members/${who}`, { method: 'PATCH', body: { nick: nick.trim() || null } });
                store.dispatch({ type: 'MEMBER_LOADED', member: updated });
                onClose();
              } catch (err) {
                setError(errorText(err));
              }
            }}
          >
            <label htmlFor="member-nick">Nickname</label>
            <div className="row">
              <input id="member-nick" value={nick} maxLength={32} placeholder={member.user.username ?? ''} onChange={(e) => setNick(e.target.value)} />
              <button type="submit" className="btn secondary">
                Save nickname
              </button>
            </div>
          </form>
        )}
        {error && <p className="form-error">{error}</p>}
        {me && me.user_id !== member.user_id && (
          <div className="dialog-actions">
            <button
              type="button"
              className="btn"
              onClick={async () => {
                try {
                  const c = await openDm(member.user_id);
                  onClose();
                  navigate(`/channels/@me/${c.channel_id}`);
                } catch (e) {
                  setError(errorText(e));
                }
              }}
            >
              Message
            </button>
          </div>
        )}
      </div>
    </Dialog>
  );
}
