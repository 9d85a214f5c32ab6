import { type FormEvent, useEffect, useState } from 'react';
import { api, enc } from '../api/http';
import { errorText } from '../api/errors';
import type { Message } from '../api/types';
import { setPinned } from '../app/client';
import { displayName } from '../app/hooks';
import { requestJump } from '../app/jump';
import { Markdown } from '../markdown/Markdown';
import { useStore } from '../store/store';
import { navigate } from '../util/router';
import { dayLabel } from './MessageItem';

function Result({ m, onOpen, extra }: { m: Message; onOpen: () => void; extra?: React.ReactNode }) {
  return (
    <li className="panel-item">
      <button type="button" className="panel-open" onClick={onOpen} aria-label={`Jump to message from ${m.author?.username ?? displayName(m.user_id, m.server_id)}`}>
        <div className="panel-meta">
          <strong>{m.author?.username ?? displayName(m.user_id, m.server_id)}</strong> <span className="muted small">{dayLabel(m.created_at)}</span>
        </div>
        <div className="panel-text">
          <Markdown content={m.content.length > 300 ? m.content.slice(0, 300) + '…' : m.content} />
        </div>
      </button>
      {extra}
    </li>
  );
}

export function PinsPanel({ channelId, canManage, onClose }: { channelId: string; canManage: boolean; onClose: () => void }) {
  const [pins, setPins] = useState<Message[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // reload when a pin changes in this channel
  const version = useStore((s) => s.pinsVersion[channelId] ?? 0);
  useEffect(() => {
    api<Message[]>(`/channels/${channelId}/pins`)
      .then(setPins)
      .catch((e) => setError(errorText(e)));
  }, [channelId, version]);
  return (
    <aside className="side-panel" aria-label="Pinned messages">
      <header className="panel-head">
        <h2>Pinned messages</h2>
        <button type="button" className="icon-btn" aria-label="Close pinned messages" onClick={onClose}>
          ×
        </button>
      </header>
      {error && <p className="form-error">{error}</p>}
      {pins && pins.length === 0 && <p className="muted pad">This channel has no pinned messages yet.</p>}
      <ul className="panel-list">
        {pins?.map((m) => (
          <Result
            key={m.message_id}
            m={m}
            onOpen={() => requestJump(channelId, m.message_id)}
            extra={
              canManage && (
                <button
                  type="button"
                  className="link-btn small"
                  onClick={() =>
                    setPinned(channelId, m.message_id, false)
                      .then(() => setPins((p) => p?.filter((x) => x.message_id !== m.message_id) ?? null))
                      .catch((e) => setError(errorText(e)))
                  }
                >
                  Unpin
                </button>
              )
            }
          />
        ))}
      </ul>
    </aside>
  );
}

export function SearchPanel({ serverId, onClose }: { serverId: string; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ total_results: number; messages: Message[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!q.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api(`/servers/${serverId}/messages/search?q=${enc(q.trim())}&limit=25`));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <aside className="side-panel" aria-label="Search">
      <header className="panel-head">
        <h2>Search</h2>
        <button type="button" className="icon-btn" aria-label="Close search" onClick={onClose}>
          ×
        </button>
      </header>
      <form onSubmit={submit} className="search-form" role="search">
        <input aria-label="Search messages" placeholder="Search" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
        <button type="submit" className="btn" disabled={busy}>
          Search
        </button>
      </form>
      {error && <p className="form-error">{error}</p>}
      {result && (
        <p className="muted pad small">
          {result.total_results} result{result.total_results === 1 ? '' : 's'}
        </p>
      )}
      <ul className="panel-list">
        {result?.messages.map((m) => (
          <Result
            key={m.message_id}
            m={m}
            onOpen={() => {
              requestJump(m.channel_id, m.message_id);
              navigate(`/channels/${serverId}/${m.channel_id}`);
            }}
          />
        ))}
      </ul>
    </aside>
  );
}
