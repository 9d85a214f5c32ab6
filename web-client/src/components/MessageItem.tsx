import { memo, useMemo, useRef, useState } from 'react';
import { errorText } from '../api/errors';
import { deleteMessage, editMessage, retrySend, setPinned, toggleReaction } from '../app/client';
import { displayName, memberColor } from '../app/hooks';
import { Markdown, type MentionResolver } from '../markdown/Markdown';
import type { LocalMessage } from '../store/state';
import { store } from '../store/store';
import { Attachments } from './Attachments';
import { Avatar } from './Avatar';
import { ConfirmDialog } from './Dialog';
import { EmojiPicker } from './EmojiPicker';
import { AuthorTag, InteractionLine, RichParts } from './Embeds';
import { Icon } from './Icon';
import { dayLabel, fullTime, shortTime as time } from '../util/time';

export interface MessageCaps {
  canReact: boolean;
  canManage: boolean;
  canSend: boolean;
  meId: string;
}

export { dayLabel } from '../util/time';

export function resolverFor(serverId: string | null, meId: string): MentionResolver {
  const s = store.getState();
  return {
    userName: (id) => (s.users[id] || (serverId && s.members[serverId]?.[id]) ? displayName(id, serverId) : null),
    roleName: (id) => (serverId ? (s.roles[serverId]?.[id]?.name ?? null) : null),
    roleColor: (id) => (serverId ? (s.roles[serverId]?.[id]?.color ?? null) : null),
    meId,
    myRoles: serverId ? s.myRoles[serverId] : [],
  };
}

export const MessageItem = memo(function MessageItem({
  message: m,
  grouped,
  dayDivider,
  newDivider = false,
  caps,
  editing,
  highlighted,
  onStartEdit,
  onStopEdit,
  onReply,
  onJump,
}: {
  message: LocalMessage;
  grouped: boolean;
  dayDivider: boolean;
  newDivider?: boolean;
  caps: MessageCaps;
  editing: boolean;
  highlighted: boolean;
  onStartEdit: (id: string) => void;
  onStopEdit: () => void;
  onReply: (id: string) => void;
  onJump: (id: string) => void;
}) {
  const [picker, setPicker] = useState(false);
  const [active, setActive] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reactBtn = useRef<HTMLButtonElement>(null);
  const mine = m.user_id === caps.meId;
  const pending = !!m.pending;
  const resolver = useMemo(() => resolverFor(m.server_id, caps.meId), [m.server_id, caps.meId]);
  const nick = m.server_id ? store.getState().members[m.server_id]?.[m.user_id]?.nick : null;
  const name = nick || m.author?.username || displayName(m.user_id, m.server_id);
  const color = memberColor(m.server_id, m.user_id);
  const mentionsMe = (m.mentions ?? []).includes(caps.meId) || !!m.mention_everyone;
  const showHeader = !grouped || !!m.reply_to || !!m.interaction;

  const run = (p: Promise<unknown>) => p.catch((e) => setError(errorText(e)));

  return (
    <div className="message-row">
      {dayDivider && (
        <div className="day-divider" role="separator" aria-label={dayLabel(m.created_at)}>
          <span>{dayLabel(m.created_at)}</span>
        </div>
      )}
      {newDivider && (
        <div className="new-divider" role="separator" aria-label="New messages">
          <span>New</span>
        </div>
      )}
      <div
        role="article"
        data-message-id={m.message_id}
        aria-label={`${name}, ${fullTime(m.created_at)}`}
        tabIndex={0}
        onMouseEnter={() => setActive(true)}
        onMouseLeave={(e) => {
          if (!e.currentTarget.contains(document.activeElement)) setActive(false);
        }}
        onFocus={() => setActive(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null) && !e.currentTarget.matches(':hover')) setActive(false);
        }}
        className={[
          'message',
          showHeader ? 'with-header' : 'grouped',
          mentionsMe ? 'mentioned' : '',
          highlighted ? 'highlight' : '',
          m.pending === 'sending' ? 'sending' : '',
          m.pending === 'failed' ? 'failed' : '',
        ].join(' ')}
      >
        {m.reply_to && (
          <button type="button" className="reply-ref" onClick={() => onJump(m.reply_to!.message_id)} aria-label="Jump to replied message">
            <span className="reply-spine" aria-hidden="true" />
            {m.reply_to.deleted ? (
              <em className="muted">Original message was deleted</em>
            ) : (
              <>
                <strong>@{m.reply_to.user_id ? displayName(m.reply_to.user_id, m.server_id) : 'unknown'}</strong>{' '}
                <span className="reply-excerpt">{m.reply_to.content ?? ''}</span>
              </>
            )}
          </button>
        )}
        <InteractionLine message={m} />
        <div className="message-gutter">
          {showHeader ? (
            <Avatar id={m.user_id} name={name} url={m.author?.avatar_url} />
          ) : (
            <time className="hover-time" dateTime={m.created_at} title={fullTime(m.created_at)}>
              {time(m.created_at)}
            </time>
          )}
        </div>
        <div className="message-main">
          {showHeader && (
            <div className="message-head">
              <span className="author" style={color ? { color } : undefined}>
                {name}
              </span>
              <AuthorTag message={m} />
              <time dateTime={m.created_at} title={fullTime(m.created_at)}>
                {dayLabel(m.created_at)} at {time(m.created_at)}
              </time>
              {m.pinned && (
                <span className="pin-mark muted" title="Pinned">
                  <Icon name="pin" size={12} />
                </span>
              )}
            </div>
          )}
          {editing ? (
            <EditBox message={m} onDone={onStopEdit} onError={setError} />
          ) : (
            <div className="message-body">
              <div className="message-content">
                <Markdown content={m.content} resolver={resolver} />
              </div>
              {m.edited_at && (
                <span className="edited" title={fullTime(m.edited_at)}>
                  (edited)
                </span>
              )}
              <RichParts message={m} resolver={resolver} />
            </div>
          )}
          {!editing && m.attachments?.length > 0 && <Attachments attachments={m.attachments} channelId={m.channel_id} messageId={m.message_id} />}
          {m.pending === 'failed' && (
            <div className="send-failed" role="alert">
              {m.error ?? 'Message failed to send.'}{' '}
              <button type="button" className="link-btn" onClick={() => void retrySend(m)}>
                Retry
              </button>{' '}
              <button
                type="button"
                className="link-btn"
                onClick={() => store.dispatch({ type: 'MESSAGE_DISCARD', channelId: m.channel_id, nonce: m.nonce! })}
              >
                Discard
              </button>
            </div>
          )}
          {m.reactions && m.reactions.length > 0 && (
            <div className="reactions">
              {m.reactions.map((r) => (
                <button
                  type="button"
                  key={r.emoji}
                  className={`reaction ${r.me ? 'me' : ''}`}
                  aria-label={`${r.emoji} ${r.count}`}
                  aria-pressed={r.me}
                  disabled={!caps.canReact && !r.me}
                  onClick={() => run(toggleReaction(m.channel_id, m.message_id, r.emoji))}
                >
                  <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
                </button>
              ))}
            </div>
          )}
          {error && (
            <div className="form-error small" role="alert">
              {error}{' '}
              <button type="button" className="link-btn" onClick={() => setError(null)}>
                Dismiss
              </button>
            </div>
          )}
        </div>
        {/* the toolbar exists only while the message is hovered or focused: fewer nodes per row while scrolling */}
        {!pending && !editing && (active || picker) && (
          <div className="message-actions" role="toolbar" aria-label="Message actions">
            {caps.canReact && (
              <button type="button" ref={reactBtn} className="icon-btn" aria-label="Add reaction" title="Add reaction" onClick={() => setPicker((p) => !p)}>
                <Icon name="smile" />
              </button>
            )}
            {caps.canSend && (
              <button type="button" className="icon-btn" aria-label="Reply" title="Reply" onClick={() => onReply(m.message_id)}>
                <Icon name="reply" />
              </button>
            )}
            {mine && (
              <button type="button" className="icon-btn" aria-label="Edit message" title="Edit" onClick={() => onStartEdit(m.message_id)}>
                <Icon name="edit" />
              </button>
            )}
            {caps.canManage && (
              <button
                type="button"
                className="icon-btn"
                aria-label={m.pinned ? 'Unpin message' : 'Pin message'}
                title={m.pinned ? 'Unpin' : 'Pin'}
                onClick={() => run(setPinned(m.channel_id, m.message_id, !m.pinned))}
              >
                <Icon name="pin" />
              </button>
            )}
            {(mine || caps.canManage) && (
              <button type="button" className="icon-btn danger" aria-label="Delete message" title="Delete" onClick={() => setConfirmDelete(true)}>
                <Icon name="trash" />
              </button>
            )}
          </div>
        )}
      </div>
      {picker && (
        <EmojiPicker
          anchor={reactBtn.current}
          onClose={() => setPicker(false)}
          onPick={(e) => {
            const has = m.reactions?.find((r) => r.emoji === e && r.me);
            if (!has) void run(toggleReaction(m.channel_id, m.message_id, e));
          }}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          label="Delete message"
          text={
            <>
              <p>Are you sure you want to delete this message?</p>
              <blockquote className="md-quote">{m.content.slice(0, 200)}</blockquote>
            </>
          }
          confirm="Delete"
          onConfirm={async () => {
            await run(deleteMessage(m.channel_id, m.message_id));
          }}
          onClose={() => setConfirmDelete(false)}
        />
      )}
    </div>
  );
});

function EditBox({ message, onDone, onError }: { message: LocalMessage; onDone: () => void; onError: (e: string) => void }) {
  const [text, setText] = useState(message.content);
  async function save() {
    const content = text.trim();
    if (content === message.content) return onDone();
    if (!content) return onDone();
    try {
      await editMessage(message.channel_id, message.message_id, content);
      onDone();
    } catch (e) {
      onError(errorText(e));
    }
  }
  return (
    <div className="edit-box">
      <textarea
        aria-label="Edit message content"
        value={text}
        autoFocus
        rows={Math.min(8, text.split('\n').length)}
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
      />
      <div className="muted small">Escape to cancel · Enter to save</div>
    </div>
  );
}
