import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '../api/errors';
import { ack, loadAround, loadLatest, loadNewer, loadOlder } from '../app/client';
import { onJump, takePendingJump } from '../app/jump';
import { type ChannelMessages, type LocalMessage, compareIds } from '../store/state';
import { store, useStore } from '../store/store';
import { type MessageCaps, MessageItem } from './MessageItem';
import { dayKey } from '../util/time';

const GROUP_MS = 7 * 60 * 1000;

interface Row {
  key: string;
  m: LocalMessage;
  grouped: boolean;
  day: boolean;
}

export function buildRows(cm: ChannelMessages | undefined): Row[] {
  if (!cm) return [];
  const list: LocalMessage[] = cm.ids.map((id) => cm.byId[id]).filter(Boolean);
  if (cm.atLatest) for (const n of cm.pending) list.push(cm.pendingByNonce[n]);
  const rows: Row[] = [];
  let prev: LocalMessage | null = null;
  let prevT = 0;
  let prevDay = -1;
  for (const m of list) {
    const t = Date.parse(m.created_at);
    const k = dayKey(t);
    const day = !prev || k !== prevDay;
    const grouped = !!prev && !day && prev.user_id === m.user_id && t - prevT < GROUP_MS && !m.reply_to;
    rows.push({ key: m.nonce && m.pending ? `n:${m.nonce}` : m.message_id, m, grouped, day });
    prev = m;
    prevT = t;
    prevDay = k;
  }
  return rows;
}

export function MessageList({
  channelId,
  caps,
  editingId,
  onStartEdit,
  onStopEdit,
  onReply,
}: {
  channelId: string;
  caps: MessageCaps;
  editingId: string | null;
  onStartEdit: (id: string) => void;
  onStopEdit: () => void;
  onReply: (id: string) => void;
}) {
  const cm = useStore((s) => s.messages[channelId]);
  const rows = useMemo(() => buildRows(cm), [cm]);
  // where unread messages began when the channel was opened (the ack that follows must not move it)
  const [lastRead] = useState(() => {
    const rs = store.getState().readStates[channelId];
    return rs && rs.unread_count > 0 && rs.last_message_id !== '0' ? rs.last_message_id : null;
  });
  const meId = caps.meId;
  const firstUnread = useMemo(() => {
    if (!lastRead) return null;
    const row = rows.find((r) => !r.m.pending && r.m.user_id !== meId && compareIds(r.m.message_id, lastRead) > 0);
    return row?.m.message_id ?? null;
  }, [rows, lastRead, meId]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const pendingJump = useRef<string | null>(null);
  const loadingRef = useRef(false);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.grouped ? 28 : 64),
    overscan: 12,
    getItemKey: (i) => rows[i]?.key ?? i,
  });

  // first load of a channel (and after a fresh READY cleared the cache)
  useEffect(() => {
    setError(null);
    atBottom.current = true;
    const jump = takePendingJump(channelId);
    if (jump) pendingJump.current = jump;
    if (!store.getState().messages[channelId]) {
      const p = jump ? loadAround(channelId, jump) : loadLatest(channelId);
      p.catch((e) => setError(errorText(e)));
    }
  }, [channelId, cm === undefined]); // eslint-disable-line react-hooks/exhaustive-deps

  const scrollToBottom = useCallback(() => {
    const el = scrollRef.current;
    if (!el || rows.length === 0) return;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    requestAnimationFrame(() => {
      if (atBottom.current && scrollRef.current) scrollRef.current.scrollTop = scrollRef.current.scrollHeight;
    });
  }, [rows.length, virtualizer]);

  const jumpTo = useCallback(
    (messageId: string) => {
      const idx = rows.findIndex((r) => r.m.message_id === messageId);
      if (idx >= 0) {
        atBottom.current = false;
        virtualizer.scrollToIndex(idx, { align: 'center' });
        setHighlight(messageId);
        setTimeout(() => setHighlight((h) => (h === messageId ? null : h)), 2500);
        setTimeout(() => {
          const el = scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${messageId}"]`);
          el?.focus({ preventScroll: true });
        }, 50);
        return true;
      }
      return false;
    },
    [rows, virtualizer],
  );

  // jump requests from replies, pins and search
  useEffect(
    () =>
      onJump((ch, id) => {
        if (ch !== channelId) return;
        takePendingJump(ch);
        if (!jumpTo(id)) {
          pendingJump.current = id;
          loadAround(channelId, id).catch((e) => setError(errorText(e)));
        }
      }),
    [channelId, jumpTo],
  );

  useEffect(() => {
    if (pendingJump.current && jumpTo(pendingJump.current)) pendingJump.current = null;
  }, [rows, jumpTo]);

  // keep the view pinned to the bottom while new messages arrive, and keep the anchor when older ones are prepended
  const lastKey = rows.length ? rows[rows.length - 1].key : '';
  const prevLastKey = useRef('');
  const [unseen, setUnseen] = useState(false);
  const firstKey = rows.length ? rows[0].key : '';
  useLayoutEffect(() => {
    const a = anchor.current;
    if (a) {
      anchor.current = null;
      const idx = rows.findIndex((r) => r.key === a.id);
      if (idx >= 0) {
        const item = virtualizer.getOffsetForIndex(idx, 'start');
        if (item && scrollRef.current) scrollRef.current.scrollTop = item[0] - a.offset;
        return;
      }
    }
    // my own new message brings me back to the bottom
    const last = rows[rows.length - 1];
    if (last?.m.pending === 'sending' && last.m.user_id === caps.meId) atBottom.current = true;
    if (atBottom.current && !pendingJump.current) scrollToBottom();
    else if (lastKey !== prevLastKey.current && prevLastKey.current !== '') setUnseen(true);
    prevLastKey.current = lastKey;
  }, [firstKey, lastKey]); // eslint-disable-line react-hooks/exhaustive-deps

  // acknowledge the newest message while it is in view
  const newest = cm && cm.atLatest && cm.ids.length ? cm.ids[cm.ids.length - 1] : null;
  const maybeAck = useCallback(() => {
    if (newest && atBottom.current && document.visibilityState !== 'hidden') {
      const rs = store.getState().readStates[channelId];
      if (!rs || rs.last_message_id !== newest || rs.unread_count > 0) ack(channelId, newest);
    }
  }, [channelId, newest]);
  useEffect(() => {
    maybeAck();
  }, [maybeAck]);

  const loadMore = useCallback(
    async (dir: 'older' | 'newer') => {
      const c = store.getState().messages[channelId];
      if (!c || loadingRef.current || c.ids.length === 0) return;
      if (dir === 'older' && !c.hasOlder) return;
      if (dir === 'newer' && c.atLatest) return;
      loadingRef.current = true;
      setLoading(true);
      try {
        if (dir === 'older') {
          const el = scrollRef.current!;
          const first = virtualizer.getVirtualItems().find((v) => v.end > el.scrollTop);
          if (first) anchor.current = { id: String(first.key), offset: first.start - el.scrollTop };
          await loadOlder(channelId, c.ids[0]);
        } else {
          await loadNewer(channelId, c.ids[c.ids.length - 1]);
        }
      } catch (e) {
        anchor.current = null;
        setError(errorText(e));
      } finally {
        loadingRef.current = false;
        setLoading(false);
      }
    },
    [channelId, virtualizer],
  );

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = distance < 40;
    if (atBottom.current) setUnseen(false);
    // fetch ahead: a page is requested while more than a screen of history is still above
    const ahead = Math.max(600, el.clientHeight * 1.5);
    if (el.scrollTop < ahead) void loadMore('older');
    if (distance < ahead) void loadMore('newer');
    if (atBottom.current) maybeAck();
  }, [loadMore, maybeAck]);

  const jumpRef = useRef(jumpTo);
  jumpRef.current = jumpTo;
  // stable across renders so memoized rows do not re-render while scrolling
  const onJumpRef = useCallback(
    (id: string) => {
      if (!jumpRef.current(id)) {
        pendingJump.current = id;
        loadAround(channelId, id).catch((e) => setError(errorText(e)));
      }
    },
    [channelId],
  );

  const items = virtualizer.getVirtualItems();
  return (
    <div className="message-scroller" ref={scrollRef} onScroll={onScroll}>
      <div role="log" aria-label="Messages" aria-live="polite" aria-relevant="additions" className="message-log" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const row = rows[v.index];
          return (
            <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${v.start}px)` }}>
              {v.index === 0 && cm && !cm.hasOlder && <ChannelStart channelId={channelId} />}
              {v.index === 0 && cm?.hasOlder && <div className="loading-older">{loading ? 'Loading older messages…' : ''}</div>}
              <MessageItem
                message={row.m}
                grouped={row.grouped}
                dayDivider={row.day}
                newDivider={row.m.message_id === firstUnread}
                caps={caps}
                editing={editingId === row.m.message_id}
                highlighted={highlight === row.m.message_id}
                onStartEdit={onStartEdit}
                onStopEdit={onStopEdit}
                onReply={onReply}
                onJump={onJumpRef}
              />
            </div>
          );
        })}
      </div>
      {cm && rows.length === 0 && <ChannelStart channelId={channelId} />}
      {!cm && !error && <div className="muted center pad">Loading messages…</div>}
      {error && (
        <div className="form-error pad" role="alert">
          {error}{' '}
          <button
            type="button"
            className="link-btn"
            onClick={() => {
              setError(null);
              loadLatest(channelId).catch((e) => setError(errorText(e)));
            }}
          >
            Try again
          </button>
        </div>
      )}
      {unseen && cm?.atLatest && (
        <button
          type="button"
          className="jump-present"
          onClick={() => {
            atBottom.current = true;
            setUnseen(false);
            scrollToBottom();
          }}
        >
          New messages below
        </button>
      )}
      {cm && !cm.atLatest && (
        <button
          type="button"
          className="jump-present"
          onClick={() => {
            atBottom.current = true;
            loadLatest(channelId).catch((e) => setError(errorText(e)));
          }}
        >
          You are viewing older messages — Jump to present
        </button>
      )}
    </div>
  );
}

function ChannelStart({ channelId }: { channelId: string }) {
  const channel = useStore((s) => s.channels[channelId] ?? s.dms[channelId]);
  const name = channel?.channel_name ?? channel?.recipients?.[0]?.username ?? '';
  return (
    <div className="channel-start">
      <h3>{channel?.channel_type === 'dm' ? `This is the beginning of your conversation with ${name}` : `Welcome to #${name}!`}</h3>
      <p className="muted">This is the start of the channel.</p>
    </div>
  );
}
