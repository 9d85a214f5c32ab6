import { useState } from 'react';
import { useStore } from '../store/store';
import { navigate } from '../util/router';
import { Avatar } from './Avatar';
import { dmTitle, isGroupDm, NewGroupDmDialog } from './GroupDms';
import { Icon } from './Icon';

export function DmSidebar({ channelId }: { channelId: string | null }) {
  const dms = useStore((s) => s.dms);
  const readStates = useStore((s) => s.readStates);
  const presence = useStore((s) => s.presence);
  const meId = useStore((s) => s.me?.user_id);
  const [creating, setCreating] = useState(false);
  const list = Object.values(dms).sort((a, b) => {
    const la = readStates[a.channel_id]?.last_message_id ?? a.channel_id;
    const lb = readStates[b.channel_id]?.last_message_id ?? b.channel_id;
    return lb.length - la.length || (lb > la ? 1 : lb < la ? -1 : 0);
  });
  return (
    <>
      <header className="sidebar-head">
        <h2>Direct Messages</h2>
        <button type="button" className="icon-btn" aria-label="New group DM" title="New group DM" onClick={() => setCreating(true)}>
          <Icon name="plus" />
        </button>
      </header>
      {creating && <NewGroupDmDialog onClose={() => setCreating(false)} />}
      <nav className="channels" aria-label="Direct messages">
        {list.length === 0 && <p className="muted pad small">No conversations yet. Click a member’s name and choose “Message”.</p>}
        <ul>
          {list.map((c) => {
            const group = isGroupDm(c);
            const other = group ? undefined : c.recipients?.[0];
            const name = dmTitle(c, meId);
            const unread = (readStates[c.channel_id]?.unread_count ?? 0) > 0 && c.channel_id !== channelId;
            return (
              <li key={c.channel_id}>
                <a
                  href={`/channels/@me/${c.channel_id}`}
                  aria-label={name}
                  aria-current={c.channel_id === channelId ? 'page' : undefined}
                  className={`channel dm ${c.channel_id === channelId ? 'active' : ''} ${unread ? 'unread' : ''}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/channels/@me/${c.channel_id}`);
                  }}
                >
                  <Avatar
                    id={other?.user_id ?? c.channel_id}
                    name={name}
                    url={group ? c.icon_url : other?.avatar_url}
                    size={28}
                    status={other ? (presence[other.user_id] ?? 'offline') : undefined}
                  />
                  <span className="channel-name">
                    {name}
                    {group && <span className="muted small"> · {(c.recipients?.length ?? 0) + 1} members</span>}
                  </span>
                  {unread && (
                    <span className="badge" aria-hidden="true">
                      {readStates[c.channel_id].unread_count}
                    </span>
                  )}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
