import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { Channel, Invite } from '../api/types';
import { usePermissions, useVisibleChannels } from '../app/hooks';
import { P, has } from '../store/permissions';
import { store, useStore } from '../store/store';
import { navigate } from '../util/router';
import { VoiceChannelMembers, joinVoice, useVoice } from '../voice';
import { ConfirmDialog, Dialog } from './Dialog';
import { Icon } from './Icon';

export function ChannelSidebar({
  serverId,
  channelId,
  onOpenServerSettings,
}: {
  serverId: string;
  channelId: string | null;
  onOpenServerSettings: () => void;
}) {
  const server = useStore((s) => s.servers[serverId]);
  const channels = useVisibleChannels(serverId);
  const readStates = useStore((s) => s.readStates);
  const perms = usePermissions(serverId);
  const canManage = has(perms, P.MANAGE_CHANNELS);
  const canSettings = has(perms, P.MANAGE_SERVER) || has(perms, P.MANAGE_ROLES) || has(perms, P.KICK_MEMBERS) || has(perms, P.BAN_MEMBERS) || has(perms, P.VIEW_AUDIT_LOG);
  const [dialog, setDialog] = useState<null | 'invite' | 'create' | 'leave'>(null);
  const me = useStore((s) => s.me);
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const voiceChannel = useVoice((v) => v.session?.channelId ?? null);

  if (!server) return null;
  const categories = channels.filter((c) => c.channel_type === 'category');
  const top = channels.filter((c) => c.channel_type !== 'category' && (!c.parent_id || !categories.some((k) => k.channel_id === c.parent_id)));
  const children = (id: string) => channels.filter((c) => c.channel_type !== 'category' && c.parent_id === id);
  const inviteChannel =
    (channelId && channels.find((c) => c.channel_id === channelId && c.channel_type !== 'category')) ||
    channels.find((c) => c.channel_type === 'text');

  const item = (c: Channel) => {
    const rs = readStates[c.channel_id];
    const unread = !!rs && rs.unread_count > 0 && c.channel_id !== channelId;
    const mentions = rs && c.channel_id !== channelId ? rs.mention_count : 0;
    if (c.channel_type === 'voice' || c.channel_type === 'video') {
      return (
        <li key={c.channel_id}>
          <button
            type="button"
            className={`channel voice ${c.channel_id === voiceChannel ? 'connected' : ''}`}
            aria-label={c.channel_name}
            title="Join voice channel"
            onClick={() => void joinVoice(c.channel_id)}
          >
            <span className="channel-icon" aria-hidden="true">
              <Icon name="speaker" />
            </span>
            <span className="channel-name">{c.channel_name}</span>
          </button>
          <VoiceChannelMembers channelId={c.channel_id} serverId={serverId} channelName={c.channel_name} />
        </li>
      );
    }
    return (
      <li key={c.channel_id}>
        <a
          href={`/channels/${serverId}/${c.channel_id}`}
          className={`channel ${c.channel_id === channelId ? 'active' : ''} ${unread ? 'unread' : ''}`}
          aria-label={c.channel_name}
          aria-current={c.channel_id === channelId ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            navigate(`/channels/${serverId}/${c.channel_id}`);
          }}
        >
          <span className="channel-icon" aria-hidden="true">
            <Icon name="hash" />
          </span>
          <span className="channel-name">{c.channel_name}</span>
          {mentions > 0 && (
            <span className="badge" aria-hidden="true">
              {mentions}
            </span>
          )}
        </a>
      </li>
    );
  };

  return (
    <>
      <header className="sidebar-head">
        <h2 title={server.server_name}>{server.server_name}</h2>
        <div className="sidebar-head-actions">
          {has(perms, P.CREATE_INSTANT_INVITE) && inviteChannel && (
            <button type="button" className="icon-btn" aria-label="Create invite" title="Invite people" onClick={() => setDialog('invite')}>
              <Icon name="invite" />
            </button>
          )}
          {canManage && (
            <button type="button" className="icon-btn" aria-label="Create channel" title="Create channel" onClick={() => setDialog('create')}>
              <Icon name="plus" />
            </button>
          )}
          {canSettings && (
            <button type="button" className="icon-btn" aria-label="Server settings" title="Server settings" onClick={onOpenServerSettings}>
              <Icon name="gear" />
            </button>
          )}
          {me && me.user_id !== server.owner_id && (
            <button type="button" className="icon-btn danger" aria-label="Leave server" title="Leave server" onClick={() => setDialog('leave')}>
              <Icon name="leave" />
            </button>
          )}
        </div>
      </header>
      {dialog === 'leave' && (
        <ConfirmDialog
          label="Leave server"
          text={<p>Leave {server.server_name}? You can only come back with a new invite.</p>}
          confirm="Leave server"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              await api(`/servers/${serverId}/members/@me`, { method: 'DELETE' });
              navigate('/channels/@me');
              store.dispatch({ type: 'DISPATCH', t: 'SERVER_MEMBER_REMOVE', d: { server_id: serverId, user_id: me!.user_id } });
            } catch {
              /* the server stays; nothing changed */
            }
          }}
        />
      )}
      <nav className="channels" aria-label="Channels">
        <ul>{top.map(item)}</ul>
        {categories.map((cat) => (
          <section key={cat.channel_id} className="category">
            <button
              type="button"
              className="category-name"
              aria-expanded={!collapsed[cat.channel_id]}
              onClick={() => setCollapsed((c) => ({ ...c, [cat.channel_id]: !c[cat.channel_id] }))}
            >
              <span aria-hidden="true">{collapsed[cat.channel_id] ? '▸' : '▾'}</span> {cat.channel_name}
            </button>
            {!collapsed[cat.channel_id] && <ul>{children(cat.channel_id).map(item)}</ul>}
          </section>
        ))}
      </nav>
      {dialog === 'invite' && inviteChannel && <InviteDialog channel={inviteChannel} onClose={() => setDialog(null)} />}
      {dialog === 'create' && <CreateChannelDialog serverId={serverId} categories={categories} onClose={() => setDialog(null)} />}
    </>
  );
}

const AGES: [number, string][] = [
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [21600, '6 hours'],
  [43200, '12 hours'],
  [86400, '1 day'],
  [604800, '7 days'],
  [0, 'Never'],
];
const USES: [number, string][] = [
  [0, 'No limit'],
  [1, '1 use'],
  [5, '5 uses'],
  [10, '10 uses'],
  [25, '25 uses'],
  [50, '50 uses'],
  [100, '100 uses'],
];

export function InviteDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const [maxAge, setMaxAge] = useState(86400);
  const [maxUses, setMaxUses] = useState(0);
  const [link, setLink] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function create(age = maxAge, uses = maxUses) {
    setError(null);
    try {
      const inv = await api<Invite>(`/channels/${channel.channel_id}/invites`, { method: 'POST', body: { max_age: age, max_uses: uses } });
      setLink(`${location.origin}/invite/${inv.code}`);
      setCopied(false);
    } catch (e) {
      setError(errorText(e));
    }
  }
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void create();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      const el = document.getElementById('invite-link') as HTMLInputElement | null;
      el?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
  }

  return (
    <Dialog label="Invite people" title={`Invite people to #${channel.channel_name}`} onClose={onClose}>
      <div className="dialog-body form">
        <div className="row">
          <input id="invite-link" aria-label="Invite link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="btn" onClick={copy} disabled={!link}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
        <div className="row">
          <label>
            Expire after
            <select
              value={maxAge}
              onChange={(e) => {
                setMaxAge(Number(e.target.value));
                void create(Number(e.target.value), maxUses);
              }}
            >
              {AGES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Max number of uses
            <select
              value={maxUses}
              onChange={(e) => {
                setMaxUses(Number(e.target.value));
                void create(maxAge, Number(e.target.value));
              }}
            >
              {USES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function CreateChannelDialog({ serverId, categories, onClose }: { serverId: string; categories: Channel[]; onClose: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState('text');
  const [parent, setParent] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const body: Record<string, unknown> = { channel_name: name.trim(), channel_type: type };
      if (parent && type !== 'category') body.parent_id = parent;
      const channel = await api<Channel>(`/servers/${serverId}/channels`, { method: 'POST', body });
      store.dispatch({ type: 'CHANNEL_UPSERT', channel });
      onClose();
      if (channel.channel_type === 'text') navigate(`/channels/${serverId}/${channel.channel_id}`);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <Dialog label="Create channel" onClose={onClose}>
      <form className="dialog-body form" onSubmit={submit}>
        <label htmlFor="channel-name">Channel name</label>
        <input id="channel-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        <label htmlFor="channel-type">Channel type</label>
        <select id="channel-type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="text">Text</option>
          <option value="voice">Voice</option>
          <option value="category">Category</option>
        </select>
        {type !== 'category' && categories.length > 0 && (
          <>
            <label htmlFor="channel-parent">Category</label>
            <select id="channel-parent" value={parent} onChange={(e) => setParent(e.target.value)}>
              <option value="">No category</option>
              {categories.map((c) => (
                <option key={c.channel_id} value={c.channel_id}>
                  {c.channel_name}
                </option>
              ))}
            </select>
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn" disabled={!name.trim()}>
            Create channel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
