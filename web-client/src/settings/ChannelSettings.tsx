import { type FormEvent, Fragment, useMemo, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Channel, Overwrite } from '../api/types';
import { usePermissions, useVisibleChannels } from '../app/hooks';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { P, type PermissionName, has, parseBits } from '../store/permissions';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { TriState, applyTri, triOf } from './TriState';

/** Bits an overwrite may carry in the editor, View Channel first. */
const CHANNEL_PERMS: [PermissionName, string][] = [
  ['VIEW_CHANNEL', 'View Channel'],
  ['SEND_MESSAGES', 'Send Messages'],
  ['READ_MESSAGE_HISTORY', 'Read Message History'],
  ['ADD_REACTIONS', 'Add Reactions'],
  ['MANAGE_MESSAGES', 'Manage Messages'],
  ['MENTION_EVERYONE', 'Mention @everyone'],
  ['EMBED_LINKS', 'Embed Links'],
  ['ATTACH_FILES', 'Attach Files'],
  ['CREATE_INSTANT_INVITE', 'Create Invite'],
  ['MANAGE_CHANNELS', 'Manage Channel'],
  ['MANAGE_ROLES', 'Manage Permissions'],
  ['CONNECT', 'Connect'],
  ['SPEAK', 'Speak'],
];

export default function ChannelSettings({ channelId, onClose }: { channelId: string; onClose: () => void }) {
  const channel = useStore((s) => s.channels[channelId]);
  const [tab, setTab] = useState<'overview' | 'permissions'>('overview');
  if (!channel || !channel.server_id) return null;
  return (
    <Dialog label="Edit channel" title={`#${channel.channel_name}`} onClose={onClose} className="wide">
      <div className="tabs" role="tablist" aria-label="Channel settings">
        <button type="button" role="tab" aria-selected={tab === 'overview'} onClick={() => setTab('overview')}>
          Overview
        </button>
        <button type="button" role="tab" aria-selected={tab === 'permissions'} onClick={() => setTab('permissions')}>
          Permissions
        </button>
      </div>
      <div className="settings-page" role="tabpanel" aria-label={tab === 'overview' ? 'Overview' : 'Permissions'}>
        {tab === 'overview' ? <Overview channel={channel} onClose={onClose} /> : <Permissions channel={channel} />}
      </div>
    </Dialog>
  );
}

function Overview({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const [name, setName] = useState(channel.channel_name);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const serverId = channel.server_id!;
  const perms = usePermissions(serverId, channel.channel_id);
  const canManage = has(perms, P.MANAGE_CHANNELS);
  const siblings = useVisibleChannels(serverId).filter((c) => c.parent_id === channel.parent_id && c.channel_type !== 'category');

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const c = await api<Channel>(`/channels/${channel.channel_id}`, { method: 'PATCH', body: { channel_name: name.trim() } });
      store.dispatch({ type: 'CHANNEL_UPSERT', channel: c });
      setMsg('Saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function move(delta: number) {
    setError(null);
    const list = [...siblings];
    const i = list.findIndex((c) => c.channel_id === channel.channel_id);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    const body = list.map((c, idx) => ({ id: c.channel_id, position: idx }));
    try {
      const updated = await api<Channel[] | undefined>(`/servers/${serverId}/channels`, { method: 'PATCH', body });
      if (Array.isArray(updated)) updated.forEach((c) => store.dispatch({ type: 'CHANNEL_UPSERT', channel: c }));
      else list.forEach((c, idx) => store.dispatch({ type: 'CHANNEL_UPSERT', channel: { ...c, position: idx } }));
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form className="form" onSubmit={save}>
      <label htmlFor="edit-channel-name">Channel name</label>
      <input id="edit-channel-name" value={name} onChange={(e) => setName(e.target.value)} disabled={!canManage} maxLength={100} required />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {msg && <p className="muted">{msg}</p>}
      {canManage && (
        <>
          <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}>
            <button type="submit" className="btn" disabled={!name.trim() || name.trim() === channel.channel_name}>
              Save
            </button>
          </div>
          <h3>Order</h3>
          <div className="row">
            <button type="button" className="btn secondary" onClick={() => move(-1)}>
              Move up
            </button>
            <button type="button" className="btn secondary" onClick={() => move(1)}>
              Move down
            </button>
          </div>
          <h3>Danger zone</h3>
          <div>
            <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
              Delete channel
            </button>
          </div>
        </>
      )}
      {confirm && (
        <ConfirmDialog
          label="Delete channel"
          text={<p>Delete #{channel.channel_name}? Its messages will be gone for everyone. This cannot be undone.</p>}
          confirm="Delete"
          onClose={() => setConfirm(false)}
          onConfirm={async () => {
            try {
              await api(`/channels/${channel.channel_id}`, { method: 'DELETE' });
              store.dispatch({ type: 'DISPATCH', t: 'CHANNEL_DELETE', d: channel });
              onClose();
              navigate(`/channels/${serverId}`);
            } catch (err) {
              setError(errorText(err));
            }
          }}
        />
      )}
    </form>
  );
}

interface Draft {
  id: string;
  type: 'role' | 'member';
  allow: bigint;
  deny: bigint;
  dirty: boolean;
  removed?: boolean;
}

function Permissions({ channel }: { channel: Channel }) {
  const serverId = channel.server_id!;
  const roles = useStore((s) => s.roles[serverId]) ?? {};
  const members = useStore((s) => s.members[serverId]) ?? {};
  const initial = useMemo(() => {
    const list: Draft[] = (channel.permission_overwrites ?? []).map((o: Overwrite) => ({
      id: o.id,
      type: o.type,
      allow: parseBits(o.allow),
      deny: parseBits(o.deny),
      dirty: false,
    }));
    if (!list.some((d) => d.id === serverId)) list.unshift({ id: serverId, type: 'role', allow: 0n, deny: 0n, dirty: false });
    return list;
  }, [channel, serverId]);
  const [drafts, setDrafts] = useState<Draft[]>(initial);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const nameOf = (d: Draft) =>
    d.id === serverId ? '@everyone' : d.type === 'role' ? (roles[d.id]?.name ?? 'deleted role') : (members[d.id]?.nick ?? members[d.id]?.user?.username ?? d.id);

  const update = (id: string, f: (d: Draft) => Draft) => setDrafts((ds) => ds.map((d) => (d.id === id ? { ...f(d), dirty: true } : d)));

  const addable = [
    ...Object.values(roles)
      .filter((r) => r.role_id !== serverId && !drafts.some((d) => d.id === r.role_id))
      .sort((a, b) => b.position - a.position)
      .map((r) => ({ id: r.role_id, type: 'role' as const, label: `Role: ${r.name}` })),
    ...Object.values(members)
      .filter((m) => !drafts.some((d) => d.id === m.user_id))
      .map((m) => ({ id: m.user_id, type: 'member' as const, label: `Member: ${m.nick ?? m.user.username}` })),
  ];

  async function save() {
    setBusy(true);
    setError(null);
    setMsg(null);
    try {
      for (const d of drafts.filter((x) => x.dirty)) {
        if (d.removed) {
          await api(`/channels/${channel.channel_id}/permissions/${d.id}`, { method: 'DELETE' });
        } else {
          await api(`/channels/${channel.channel_id}/permissions/${d.id}`, {
            method: 'PUT',
            body: { type: d.type, allow: d.allow.toString(), deny: d.deny.toString() },
          });
        }
      }
      setDrafts((ds) => ds.filter((d) => !d.removed).map((d) => ({ ...d, dirty: false })));
      setMsg('Permissions saved.');
      const fresh = await api<Channel>(`/channels/${channel.channel_id}`).catch(() => null);
      if (fresh) store.dispatch({ type: 'CHANNEL_UPSERT', channel: fresh });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const [first, ...rest] = CHANNEL_PERMS;
  return (
    <div className="form">
      <p className="muted small">Overwrites apply in this order: @everyone, then roles, then members. Neutral keeps the server-wide setting.</p>
      <table className="table" aria-label="Permission overwrites">
        <thead>
          <tr>
            <th scope="col">Role or member</th>
            <th scope="col">{first[1]}</th>
            <th scope="col">
              <span className="sr-only">More</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {drafts
            .filter((d) => !d.removed)
            .map((d) => (
              <Fragment key={d.id}>
                <tr aria-label={nameOf(d)} data-target-id={d.id}>
                  <td>
                    {nameOf(d)}
                    {d.dirty && <span className="muted small"> (unsaved)</span>}
                  </td>
                  <td>
                    <TriState
                      label={first[1]}
                      value={triOf(d.allow, d.deny, P[first[0]])}
                      onChange={(v) => update(d.id, (x) => { const [allow, deny] = applyTri(x.allow, x.deny, P[first[0]], v); return { ...x, allow, deny }; })}
                    />
                  </td>
                  <td>
                    <button type="button" className="link-btn small" aria-expanded={expanded === d.id} onClick={() => setExpanded((e) => (e === d.id ? null : d.id))}>
                      {expanded === d.id ? 'Fewer' : 'More permissions'}
                    </button>
                    {d.id !== serverId && (
                      <>
                        {' · '}
                        <button type="button" className="link-btn small" onClick={() => update(d.id, (x) => ({ ...x, removed: true }))}>
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
                {expanded === d.id && (
                  <tr aria-label={`${nameOf(d)} — more permissions`}>
                    <td colSpan={3}>
                      {rest.map(([key, label]) => (
                        <div className="perm-row" key={key}>
                          <span>{label}</span>
                          <TriState
                            label={label}
                            value={triOf(d.allow, d.deny, P[key])}
                            onChange={(v) => update(d.id, (x) => { const [allow, deny] = applyTri(x.allow, x.deny, P[key], v); return { ...x, allow, deny }; })}
                          />
                        </div>
                      ))}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
        </tbody>
      </table>
      {addable.length > 0 && (
        <label>
          Add a role or member
          <select
            value=""
            onChange={(e) => {
              const t = addable.find((a) => a.id === e.target.value);
              if (t) setDrafts((ds) => [...ds, { id: t.id, type: t.type, allow: 0n, deny: 0n, dirty: true }]);
            }}
          >
            <option value="">Choose…</option>
            {addable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {msg && (
        <p className="muted" role="status">
          {msg}
        </p>
      )}
      <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}>
        {/* aria-disabled, not disabled: after a save the button has nothing to do, but keyboard focus stays on it */}
        <button
          type="button"
          className="btn"
          onClick={() => {
            if (!busy && drafts.some((d) => d.dirty)) void save();
          }}
          aria-disabled={busy || !drafts.some((d) => d.dirty)}
        >
          Save
        </button>
      </div>
    </div>
  );
}
