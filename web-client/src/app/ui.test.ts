import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { typingText } from '../components/Composer';
import { buildRows } from '../components/MessageList';
import { emptyMessages } from '../store/state';
import type { Message } from '../api/types';

const m = (id: string, user: string, at: string, extra: Partial<Message> = {}): Message => ({
  message_id: id,
  channel_id: 'c',
  server_id: 's',
  user_id: user,
  author: { user_id: user, username: user, avatar_url: null },
  content: id,
  created_at: at,
  edited_at: null,
  reply_to: null,
  attachments: [],
  reactions: [],
  mentions: [],
  pinned: false,
  nonce: null,
  ...extra,
});

describe('typing indicator text', () => {
  it('names one, two, three people, then says several', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['A'])).toBe('A is typing…');
    expect(typingText(['A', 'B'])).toBe('A and B are typing…');
    expect(typingText(['A', 'B', 'C'])).toBe('A, B and C are typing…');
    expect(typingText(['A', 'B', 'C', 'D'])).toBe('Several people are typing…');
  });
});

describe('message grouping', () => {
  it('groups by author within 7 minutes on the same day; a reply starts a group; days get a divider', () => {
    const cm = emptyMessages();
    const list = [
      m('1', 'a', '2026-01-01T10:00:00Z'),
      m('2', 'a', '2026-01-01T10:05:00Z'),
      m('3', 'a', '2026-01-01T10:20:00Z'),
      m('4', 'b', '2026-01-01T10:21:00Z'),
      m('5', 'b', '2026-01-01T10:22:00Z', { reply_to: { message_id: '4', user_id: 'b', content: '4', deleted: false } }),
      m('6', 'b', '2026-01-03T10:22:00Z'),
    ];
    for (const x of list) {
      cm.ids.push(x.message_id);
      cm.byId[x.message_id] = x;
    }
    const rows = buildRows(cm);
    expect(rows.map((r) => r.grouped)).toEqual([false, true, false, false, false, false]);
    expect(rows.map((r) => r.day)).toEqual([true, false, false, false, false, true]);
  });

  it('shows pending messages after sent ones, keyed by nonce', () => {
    const cm = emptyMessages();
    cm.ids = ['1'];
    cm.byId['1'] = m('1', 'a', '2026-01-01T10:00:00Z');
    cm.pending = ['n'];
    cm.pendingByNonce.n = { ...m('pending-n', 'a', '2026-01-01T10:01:00Z', { nonce: 'n' }), pending: 'sending' };
    expect(buildRows(cm).map((r) => r.key)).toEqual(['1', 'n:n']);
  });
});

describe('API errors in words a person understands', () => {
  it('maps known codes, falls back to detail, and reads retry_after', () => {
    expect(new ApiError(401, { code: 'INVALID_CREDENTIALS', detail: 'x' }).message).toMatch(/do not match/);
    expect(new ApiError(409, { code: 'SOMETHING_NEW', detail: 'Exact detail' }).message).toBe('Exact detail');
    const rl = new ApiError(429, { code: 'RATE_LIMITED', retry_after: 2.4 });
    expect(rl.retryAfter).toBe(2.4);
    expect(rl.message).toBe('Slow down — you can try again in 3 s.');
    expect(new ApiError(400, { code: 'VALIDATION_FAILED', errors: { username: 'must not be blank' } }).message).toBe('Username must not be blank.');
    expect(new ApiError(0, null).message).toMatch(/Cannot reach/);
  });
});

describe('mention encoding in the composer', () => {
  it('turns @name of a known member into <@id> and leaves the rest alone', async () => {
    const { store } = await import('../store/store');
    const { encodeMentions } = await import('../components/Composer');
    store.dispatch({
      type: 'MEMBERS_LOADED',
      serverId: 's1',
      members: [{ user_id: '42', server_id: 's1', user: { user_id: '42', username: 'alice', avatar_url: null }, roles: [], nick: null }],
    });
    expect(encodeMentions('hi @alice and @bob, mail a@alice.org', 's1')).toBe('hi <@42> and @bob, mail a@alice.org');
    expect(encodeMentions('@everyone look', 's1')).toBe('@everyone look');
  });
});
