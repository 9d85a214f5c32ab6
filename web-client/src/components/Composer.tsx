import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { resetTyping, sendMessage, typing } from '../app/client';
import { displayName, useNow } from '../app/hooks';
import { store, useStore } from '../store/store';
import { typingUsers } from '../store/reducer';
import { useCommandPicker } from './CommandPicker';
import { hasStaged, takeAttachments, uploadsFor } from '../app/uploads';
import { AttachButton, pastedFiles, UploadTray } from './UploadTray';

const MAX = 4000;

/** Turns `@name` into `<@id>` for members whose name is known. */
export function encodeMentions(text: string, serverId: string | null): string {
  const s = store.getState();
  const byName = new Map<string, string>();
  const members = serverId ? Object.values(s.members[serverId] ?? {}) : [];
  for (const m of members) {
    if (m.user?.username) byName.set(m.user.username.toLowerCase(), m.user_id);
    if (m.nick) byName.set(m.nick.toLowerCase(), m.user_id);
  }
  if (byName.size === 0) return text;
  return text.replace(/(^|[^\w<])@([\w.-]{2,32})/g, (all, pre: string, name: string) => {
    const id = byName.get(name.toLowerCase());
    return id ? `${pre}<@${id}>` : all;
  });
}

export function Composer({
  channelId,
  serverId,
  label,
  canSend,
  replyTo,
  onCancelReply,
  onEditLast,
}: {
  channelId: string;
  serverId: string | null;
  label: string;
  canSend: boolean;
  replyTo: string | null;
  onCancelReply: () => void;
  onEditLast: () => void;
}) {
  const [text, setText] = useState('');
  const [slowUntil, setSlowUntil] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const waitingForFiles = useRef(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  const now = useNow(500, slowUntil > Date.now());
  const wait = Math.max(0, Math.ceil((slowUntil - now) / 1000));
  const replyMessage = useStore((s) => (replyTo ? s.messages[channelId]?.byId[replyTo] : undefined));
  const commands = useCommandPicker({ serverId, channelId, text, setText });

  useEffect(() => {
    setText('');
    ref.current?.focus();
  }, [channelId]);
  useEffect(() => {
    if (replyTo) ref.current?.focus();
  }, [replyTo]);

  async function send() {
    const content = text.trim();
    const withFiles = hasStaged(channelId);
    if ((!content && !withFiles) || wait > 0) return;
    if (content.length > MAX) return;
    // a slash command (no files staged) is an interaction, not a message
    if (!withFiles && (await commands.send(content))) return;
    if (waitingForFiles.current) return; // Enter again while the files finish: one send
    waitingForFiles.current = withFiles;
    const files = await takeAttachments(channelId).finally(() => (waitingForFiles.current = false));
    setFileError(files.error);
    if (files.error) return;
    setText('');
    resetTyping(channelId);
    const reply = replyTo;
    onCancelReply();
    const r = await sendMessage(channelId, encodeMentions(content, serverId), reply, undefined, files.refs);
    if (r.rateLimitedFor) setSlowUntil(Date.now() + r.rateLimitedFor * 1000);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (commands.onKeyDown(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    } else if (e.key === 'ArrowUp' && text === '') {
      e.preventDefault();
      onEditLast();
    } else if (e.key === 'Escape' && replyTo) {
      onCancelReply();
    }
  }

  const over = text.length > MAX;
  return (
    <div className="composer-wrap">
      {replyTo && (
        <div className="reply-bar">
          Replying to <strong>{replyMessage ? displayName(replyMessage.user_id, serverId) : 'a message'}</strong>
          <button type="button" className="icon-btn" aria-label="Cancel reply" onClick={onCancelReply}>
            ×
          </button>
        </div>
      )}
      {wait > 0 && (
        <div className="slowdown" role="status">
          Slow down — you can send again in {wait} s
        </div>
      )}
      {commands.panel}
      <UploadTray channelId={channelId} />
      {fileError && (
        <div className="form-error small" role="alert">
          {fileError}
        </div>
      )}
      <div className={`composer ${over ? 'over' : ''}`}>
        {canSend && <AttachButton channelId={channelId} />}
        <textarea
          ref={ref}
          aria-label={label}
          placeholder={canSend ? label : 'You do not have permission to send messages in this channel.'}
          disabled={!canSend}
          value={text}
          rows={Math.min(10, Math.max(1, text.split('\n').length))}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) typing(channelId);
          }}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const files = pastedFiles(e.clipboardData);
            if (files.length === 0) return;
            e.preventDefault();
            uploadsFor(channelId).add(files);
          }}
        />
        {text.length > MAX - 200 && <span className={`counter ${over ? 'over' : ''}`}>{MAX - text.length}</span>}
      </div>
    </div>
  );
}

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}

export function TypingIndicator({ channelId, serverId }: { channelId: string; serverId: string | null }) {
  const t = useStore((s) => s.typing[channelId]);
  const active = !!t && Object.values(t).some((exp) => exp > Date.now());
  const now = useNow(1000, active);
  const ids = typingUsers(store.getState(), channelId, now);
  const text = typingText(ids.map((id) => displayName(id, serverId)));
  return (
    <div className="typing-slot" aria-live="polite">
      {text && <span className="typing-indicator">{text}</span>}
    </div>
  );
}
