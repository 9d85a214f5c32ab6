import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api, enc } from '../api/http';
import { errorText } from '../api/errors';
import type { Channel, User } from '../api/types';
import { loadMembers } from '../app/client';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { Avatar } from './Avatar';
import { Dialog } from './Dialog';
import { ImageUpload } from '../settings/ImageUpload';
import './files.css';

export const GROUP_MIN_OTHERS = 2;
export const GROUP_MAX_OTHERS = 9;

export function isGroupDm(c: Pick<Channel, 'channel_type'> | undefined | null): boolean {
  return c?.channel_type === 'group_dm';
}

/** A conversation's name: a group's own name, else its other members' names; a DM is named after the other user. */
export function dmTitle(c: Channel, meId: string | null | undefined): string {
  const others = (c.recipients ?? []).filter((u) => u.user_id !== meId);
  if (isGroupDm(c)) {
    if (c.name && c.name.trim()) return c.name.trim();
    const names = others.map((u) => u.username ?? 'Unknown user');
    return names.length ? names.join(', ') : 'Empty group';
  }
  return others[0]?.username ?? c.recipients?.[0]?.username ?? 'Unknown user';
}

/** Whether a pick of other people may form a group DM (2–9 others); the message says why not. */
export function groupPickProblem(count: number): string | null {
  if (count < GROUP_MIN_OTHERS) return `Pick at least ${GROUP_MIN_OTHERS} people.`;
  if (count > GROUP_MAX_OTHERS) return `A group holds at most ${GROUP_MAX_OTHERS} others.`;
  return null;
}

/** People I could add: everyone this client knows from DMs and the servers' member lists. */
function usePeople(exclude: string[]): User[] {
  const users = useStore((s) => s.users);
  const members = useStore((s) => s.members);
  const dms = useStore((s) => s.dms);
  return useMemo(() => {
    const byId = new Map<string, User>();
    for (const u of Object.values(users)) if (u.username) byId.set(u.user_id, u);
    for (const server of Object.values(members)) for (const m of Object.values(server)) if (m.user?.username) byId.set(m.user_id, m.user);
    for (const c of Object.values(dms)) for (const u of c.recipients ?? []) if (u.username) byId.set(u.user_id, u);
    for (const id of exclude) byId.delete(id);
    return [...byId.values()].filter((u) => !(u as { bot?: boolean }).bot).sort((a, b) => (a.username ?? '').localeCompare(b.username ?? ''));
  }, [users, members, dms, exclude]);
}

function PeoplePicker({ people, picked, onToggle, max }: { people: User[]; picked: Set<string>; onToggle: (id: string) => void; max: number }) {
  const [filter, setFilter] = useState('');
  const shown = people.filter((u) => (u.username ?? '').toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <input aria-label="Find people" placeholder="Type a username" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="picker-list" role="group" aria-label="People">
        {shown.length === 0 && <p className="muted small">Nobody found. People you share a server or a DM with are listed here.</p>}
        {shown.map((u) => (
          <label key={u.user_id}>
            <input type="checkbox" checked={picked.has(u.user_id)} disabled={!picked.has(u.user_id) && picked.size >= max} onChange={() => onToggle(u.user_id)} />
            <Avatar id={u.user_id} name={u.username ?? '?'} url={u.avatar_url} size={24} />
            <span>{u.username}</span>
          </label>
        ))}
      </div>
    </>
  );
}

function loadAllMembers() {
  const s = store.getState();
  for (const id of s.serverOrder) if (!s.members[id] || Object.keys(s.members[id]).length < 2) void loadMembers(id).catch(() => undefined);
}

/** "New group DM": pick 2–9 people, optionally name the group. */
export function NewGroupDmDialog({ onClose }: { onClose: () => void }) {
  const me = useStore((s) => s.me);
  const exclude = useMemo(() => (me ? [me.user_id] : []), [me]);
  const people = usePeople(exclude);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(loadAllMembers, []);
  const problem = groupPickProblem(picked.size);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      let channel = await api<Channel>('/users/@me/channels', { method: 'POST', body: { recipient_ids: [...picked] } });
      if (name.trim()) channel = await api<Channel>(`/channels/${enc(channel.channel_id)}`, { method: 'PATCH', body: { name: name.trim() } });
      store.dispatch({ type: 'DM_OPENED', channel });
      onClose();
      navigate(`/channels/@me/${channel.channel_id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <Dialog label="New group DM" onClose={onClose}>
      <form className="form dialog-body" onSubmit={create}>
        <label htmlFor="group-name">Group name (optional)</label>
        <input id="group-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <PeoplePicker
          people={people}
          picked={picked}
          max={GROUP_MAX_OTHERS}
          onToggle={(id) =>
            setPicked((p) => {
              const next = new Set(p);
              if (next.has(id)) next.delete(id);
              else next.add(id);
              return next;
            })
          }
        />
        <p className="muted small">
          {picked.size} of {GROUP_MAX_OTHERS} picked
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="btn" disabled={busy || !!problem}>
            Create group DM
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A group's settings: rename and manage members (owner), leave (anyone). */
export function GroupDmSettings({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const me = useStore((s) => s.me);
  const owner = !!me && channel.owner_id === me.user_id;
  const recipients = (channel.recipients ?? []).filter((u) => u.user_id !== me?.user_id);
  const exclude = useMemo(() => [...(me ? [me.user_id] : []), ...(channel.recipients ?? []).map((u) => u.user_id)], [me, channel.recipients]);
  const people = usePeople(exclude);
  const [name, setName] = useState(channel.name ?? '');
  const [adding, setAdding] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  useEffect(() => {
    if (owner) loadAllMembers();
  }, [owner]);

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const refresh = async () => {
    const c = await api<Channel>(`/channels/${enc(channel.channel_id)}`).catch(() => null);
    if (c) store.dispatch({ type: 'DM_OPENED', channel: c });
  };

  return (
    <Dialog label="Group settings" onClose={onClose}>
      <div className="dialog-body form">
        {/* any recipient renames the group or sets its icon, like Discord (ADR 231) */}
        <ImageUpload
          what="group icon"
          purpose="icon"
          id={channel.channel_id}
          name={dmTitle(channel, me?.user_id)}
          url={channel.icon_url}
          apply={async (uploadId) => {
            const c = await api<Channel>(`/channels/${enc(channel.channel_id)}`, { method: 'PATCH', body: { icon_upload_id: uploadId } });
            store.dispatch({ type: 'DM_OPENED', channel: c });
          }}
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const c = await api<Channel>(`/channels/${enc(channel.channel_id)}`, { method: 'PATCH', body: { name: name.trim() || null } });
              store.dispatch({ type: 'DM_OPENED', channel: c });
            });
          }}
        >
          <label htmlFor="group-rename">Group name</label>
          <input id="group-rename" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn">
            Save name
          </button>
        </form>
        <h3>Members</h3>
        <ul className="picker-list" aria-label="Group members">
          {recipients.map((u) => (
            <li key={u.user_id} className="row" aria-label={u.username ?? 'Unknown user'}>
              <Avatar id={u.user_id} name={u.username ?? '?'} url={u.avatar_url} size={24} /> <span>{u.username}</span>
              {channel.owner_id === u.user_id && <span className="muted small"> (owner)</span>}
              {owner && (
                <button
                  type="button"
                  className="link-btn"
                  aria-label={`Remove ${u.username}`}
                  onClick={() =>
                    void run(async () => {
                      await api(`/channels/${enc(channel.channel_id)}/recipients/${enc(u.user_id)}`, { method: 'DELETE' });
                      await refresh();
                    })
                  }
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
        {owner && recipients.length < GROUP_MAX_OTHERS && (
          <>
            <h3>Add people</h3>
            <PeoplePicker
              people={people}
              picked={adding}
              max={GROUP_MAX_OTHERS - recipients.length}
              onToggle={(id) =>
                setAdding((p) => {
                  const next = new Set(p);
                  if (next.has(id)) next.delete(id);
                  else next.add(id);
                  return next;
                })
              }
            />
            <button
              type="button"
              className="btn"
              disabled={adding.size === 0}
              onClick={() =>
                void run(async () => {
                  for (const id of adding) await api(`/channels/${enc(channel.channel_id)}/recipients/${enc(id)}`, { method: 'PUT' });
                  setAdding(new Set());
                  await refresh();
                })
              }
            >
              Add to group
            </button>
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {confirmLeave ? (
            <>
              <span>Leave this group? You will not see its messages any more.</span>
              <button type="button" className="btn secondary" onClick={() => setConfirmLeave(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn danger"
                onClick={() =>
                  void run(async () => {
                    await api(`/channels/${enc(channel.channel_id)}/recipients/${enc(me!.user_id)}`, { method: 'DELETE' });
                    store.dispatch({ type: 'DM_CLOSED', channelId: channel.channel_id });
                    onClose();
                    navigate('/channels/@me');
                  })
                }
              >
                Leave
              </button>
            </>
          ) : (
            <button type="button" className="btn danger" onClick={() => setConfirmLeave(true)}>
              Leave group
            </button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
