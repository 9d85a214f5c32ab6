import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { usePermissions } from '../app/hooks';
import { P, has } from '../store/permissions';
import { store, useStore } from '../store/store';
import { Composer, TypingIndicator } from './Composer';
import type { MessageCaps } from './MessageItem';
import { MessageList } from './MessageList';
import { PinsPanel, SearchPanel } from './Panels';
import { Icon } from './Icon';
import { dmTitle, GroupDmSettings, isGroupDm } from './GroupDms';
import { DropZone } from './UploadTray';

const ChannelSettings = lazy(() => import('../settings/ChannelSettings'));

export function ChannelView({
  channelId,
  serverId,
  onToggleSidebar,
  onToggleMembers,
  membersOpen,
}: {
  channelId: string;
  serverId: string | null;
  onToggleSidebar: () => void;
  onToggleMembers?: () => void;
  membersOpen?: boolean;
}) {
  const channel = useStore((s) => s.channels[channelId] ?? s.dms[channelId]);
  const me = useStore((s) => s.me);
  const perms = usePermissions(serverId, channelId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [panel, setPanel] = useState<null | 'pins' | 'search'>(null);
  const [settings, setSettings] = useState(false);
  const [groupSettings, setGroupSettings] = useState(false);

  useEffect(() => {
    setEditingId(null);
    setReplyTo(null);
    setPanel((p) => (p === 'search' ? p : null));
  }, [channelId]);

  const serverName = useStore((s) => (serverId ? s.servers[serverId]?.server_name : undefined));
  useEffect(() => {
    if (!channel) return;
    const name =
      channel.channel_type === 'dm' ? `@${channel.recipients?.[0]?.username ?? 'direct message'}` : isGroupDm(channel) ? dmTitle(channel, me?.user_id) : `#${channel.channel_name}`;
    document.title = `${name}${serverName ? ` | ${serverName}` : ''} — Guildhall`;
  }, [channel, serverName, me]);

  const caps: MessageCaps = useMemo(
    () => ({
      canReact: has(perms, P.ADD_REACTIONS),
      canManage: !!serverId && has(perms, P.MANAGE_MESSAGES),
      canSend: has(perms, P.SEND_MESSAGES),
      meId: me?.user_id ?? '',
    }),
    [perms, serverId, me],
  );

  const stopEdit = useCallback(() => setEditingId(null), []);

  const editLast = useCallback(() => {
    const cm = store.getState().messages[channelId];
    if (!cm || !me) return;
    for (let i = cm.ids.length - 1; i >= 0; i--) {
      const m = cm.byId[cm.ids[i]];
      if (m.user_id === me.user_id) {
        setEditingId(m.message_id);
        return;
      }
    }
  }, [channelId, me]);

  if (!channel) {
    return (
      <section className="chat">
        <header className="chat-head">
          <button type="button" className="icon-btn mobile-only" aria-label="Open sidebar" onClick={onToggleSidebar}>
            <Icon name="menu" />
          </button>
        </header>
        <div className="muted center pad">This channel does not exist or you cannot see it.</div>
      </section>
    );
  }

  const group = isGroupDm(channel);
  const isDm = channel.channel_type === 'dm' || group;
  const title = group ? dmTitle(channel, me?.user_id) : isDm ? (channel.recipients?.[0]?.username ?? 'Direct message') : channel.channel_name;
  const label = group ? `Message ${title}` : isDm ? `Message @${title}` : `Message #${title}`;
  const canEditChannel = !isDm && (has(perms, P.MANAGE_CHANNELS) || has(perms, P.MANAGE_ROLES));

  return (
    <section className="chat" aria-label={isDm ? `Conversation with ${title}` : `#${title}`}>
      <header className="chat-head">
        <button type="button" className="icon-btn mobile-only" aria-label="Open sidebar" onClick={onToggleSidebar}>
          <Icon name="menu" />
        </button>
        <h1 className="chat-title">
          <span className="muted" aria-hidden="true">
            {group ? '' : isDm ? '@' : '#'}
          </span>
          {title}
        </h1>
        <div className="chat-tools">
          {group && (
            <button type="button" className="icon-btn" aria-label="Group settings" title="Group settings" onClick={() => setGroupSettings(true)}>
              <Icon name="members" />
            </button>
          )}
          {canEditChannel && (
            <button type="button" className="icon-btn" aria-label="Edit channel" title="Edit channel" onClick={() => setSettings(true)}>
              <Icon name="gear" />
            </button>
          )}
          <button
            type="button"
            className={`icon-btn ${panel === 'pins' ? 'on' : ''}`}
            aria-label="Pinned messages"
            aria-pressed={panel === 'pins'}
            title="Pinned messages"
            onClick={() => setPanel((p) => (p === 'pins' ? null : 'pins'))}
          >
            <Icon name="pin" />
          </button>
          {serverId && (
            <button
              type="button"
              className={`icon-btn ${panel === 'search' ? 'on' : ''}`}
              aria-label="Search messages"
              aria-pressed={panel === 'search'}
              title="Search"
              onClick={() => setPanel((p) => (p === 'search' ? null : 'search'))}
            >
              <Icon name="search" />
            </button>
          )}
          {onToggleMembers && (
            <button
              type="button"
              className={`icon-btn ${membersOpen ? 'on' : ''}`}
              aria-label="Member list"
              aria-pressed={!!membersOpen}
              title="Member list"
              onClick={onToggleMembers}
            >
              <Icon name="members" />
            </button>
          )}
        </div>
      </header>
      <div className="chat-body">
        <DropZone channelId={channelId} label={isDm ? title : `#${title}`} enabled={caps.canSend}>
        <div className="chat-main">
          <MessageList
            key={channelId}
            channelId={channelId}
            caps={caps}
            editingId={editingId}
            onStartEdit={setEditingId}
            onStopEdit={stopEdit}
            onReply={setReplyTo}
          />
          <Composer
            channelId={channelId}
            serverId={serverId}
            label={label}
            canSend={caps.canSend}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(null)}
            onEditLast={editLast}
          />
          <TypingIndicator channelId={channelId} serverId={serverId} />
        </div>
        </DropZone>
        {panel === 'pins' && <PinsPanel channelId={channelId} canManage={caps.canManage} onClose={() => setPanel(null)} />}
        {panel === 'search' && serverId && <SearchPanel serverId={serverId} onClose={() => setPanel(null)} />}
      </div>
      {groupSettings && group && <GroupDmSettings channel={channel} onClose={() => setGroupSettings(false)} />}
      {settings && (
        <Suspense fallback={null}>
          <ChannelSettings channelId={channelId} onClose={() => setSettings(false)} />
        </Suspense>
      )}
    </section>
  );
}
