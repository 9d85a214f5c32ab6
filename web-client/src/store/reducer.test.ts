import { describe, expect, it } from 'vitest';
import type { Channel, Message, Ready } from '../api/types';
import { P } from './permissions';
import { reducer, typingUsers } from './reducer';
import { type Action, type AppState, initialState, visibleChannels } from './state';

const S = '100';
const ME = '1';
const OWNER = '9';
const ch = (id: string, overwrites: Channel['permission_overwrites'] = []): Channel => ({
  channel_id: id,
  server_id: S,
  channel_name: `c${id}`,
  channel_type: 'text',
  parent_id: null,
  position: Number(id),
  permission_overwrites: overwrites,
});
const ready: Ready = {
  v: 1,
  user: { user_id: ME, username: 'me', avatar_url: null },
  servers: [
    {
      server_id: S,
      server_name: 'Guild',
      owner_id: OWNER,
      icon_url: null,
      channels: [ch('10'), ch('11')],
      roles: [{ role_id: S, server_id: S, name: '@everyone', permissions: (P.VIEW_CHANNEL | P.SEND_MESSAGES).toString(), color: 0, position: 0, hoist: false, mentionable: false }],
    },
  ],
  read_states: [{ channel_id: '10', server_id: S, last_message_id: '500', unread_count: 2, mention_count: 1 }],
  session_id: 's1',
  resume_gateway_url: 'ws://x',
};
const msg = (id: string, extra: Partial<Message> = {}): Message => ({
  message_id: id,
  channel_id: '10',
  server_id: S,
  user_id: '2',
  author: { user_id: '2', username: 'bob', avatar_url: null },
  content: `m${id}`,
  created_at: '2026-01-01T00:00:00Z',
  edited_at: null,
  reply_to: null,
  attachments: [],
  reactions: [],
  mentions: [],
  pinned: false,
  nonce: null,
  ...extra,
});
const run = (...actions: Action[]) => actions.reduce(reducer, initialState as AppState);
const d = (t: string, data: unknown): Action => ({ type: 'DISPATCH', t, d: data, now: 1_000_000 });
const loaded = (messages: Message[]): Action => ({ type: 'MESSAGES_LOADED', channelId: '10', messages, mode: 'latest', limit: 50 });

describe('reducer', () => {
  it('seeds servers, channels, roles and read states from READY', () => {
    const s = run({ type: 'READY', ready });
    expect(s.serverOrder).toEqual([S]);
    expect(Object.keys(s.channels)).toEqual(['10', '11']);
    expect(s.roles[S][S].name).toBe('@everyone');
    expect(s.readStates['10'].mention_count).toBe(1);
    expect(s.me?.username).toBe('me');
  });

  it('takes who is online from the presences of READY, and keeps my own status', () => {
    const withPresences: Ready = {
      ...ready,
      servers: ready.servers.map((srv) => ({
        ...srv,
        presences: [
          { user_id: OWNER, status: 'idle' as const },
          { user_id: ME, status: 'online' as const },
        ],
      })),
    };
    const s = run({ type: 'READY', ready: withPresences });
    expect(s.presence[OWNER]).toBe('idle');
    expect(s.presence[ME]).toBe(initialState.myStatus === 'invisible' ? 'offline' : initialState.myStatus);
    expect(s.servers[S]).not.toHaveProperty('presences');
    const later = reducer(s, d('PRESENCE_UPDATE', { user_id: OWNER, status: 'offline' }));
    expect(later.presence[OWNER]).toBe('offline');
  });

  it('learns a user fetched by id, so typing names them', () => {
    let s = run({ type: 'READY', ready }, d('TYPING_START', { channel_id: '10', user_id: '7', timestamp: 1000 }));
    expect(s.users['7']).toBeUndefined();
    s = reducer(s, { type: 'USER_LOADED', user: { user_id: '7', username: 'bea', avatar_url: null } });
    expect(s.users['7'].username).toBe('bea');
    expect(typingUsers(s, '10', 1_000_500)).toEqual(['7']);
  });

  it('keeps history sorted oldest first from a newest-first page, and pages older', () => {
    let s = run({ type: 'READY', ready }, loaded([msg('30'), msg('20')]));
    expect(s.messages['10'].ids).toEqual(['20', '30']);
    expect(s.messages['10'].hasOlder).toBe(false);
    s = reducer(s, { type: 'MESSAGES_LOADED', channelId: '10', messages: [msg('5'), msg('15')], mode: 'before', limit: 2 });
    expect(s.messages['10'].ids).toEqual(['5', '15', '20', '30']);
    expect(s.messages['10'].hasOlder).toBe(true);
  });

  it('sorts ids numerically, not as strings', () => {
    const s = run({ type: 'READY', ready }, loaded([msg('100'), msg('99')]));
    expect(s.messages['10'].ids).toEqual(['99', '100']);
  });

  it('keeps a message created while the newest page was on its way, whichever the page already had', () => {
    // the page was read before message 40 was committed, but arrives after its MESSAGE_CREATE
    let s = run({ type: 'READY', ready }, { type: 'MESSAGES_LOADING', channelId: '10' }, d('MESSAGE_CREATE', msg('40')));
    expect(s.messages['10']).toBeUndefined();
    s = reducer(s, d('MESSAGE_CREATE', msg('35')));
    s = reducer(s, loaded([msg('35'), msg('20')]));
    expect(s.messages['10'].ids).toEqual(['20', '35', '40']);
    expect(s.loadingLatest['10']).toBeUndefined();
    // once loaded, live messages go straight in and nothing is kept aside
    s = reducer(s, d('MESSAGE_CREATE', msg('50')));
    expect(s.messages['10'].ids).toEqual(['20', '35', '40', '50']);
    expect(s.loadingLatest).toEqual({});
  });

  it('does not bring back a message deleted while the newest page was on its way', () => {
    const s = run(
      { type: 'READY', ready },
      { type: 'MESSAGES_LOADING', channelId: '10' },
      d('MESSAGE_CREATE', msg('40')),
      d('MESSAGE_DELETE', { channel_id: '10', message_id: '40' }),
      loaded([msg('20')]),
    );
    expect(s.messages['10'].ids).toEqual(['20']);
  });

  it('forgets what it kept aside when the newest page could not be loaded', () => {
    const s = run({ type: 'READY', ready }, { type: 'MESSAGES_LOADING', channelId: '10' }, d('MESSAGE_CREATE', msg('40')),
      { type: 'MESSAGES_LOAD_FAILED', channelId: '10' });
    expect(s.loadingLatest).toEqual({});
    expect(s.messages['10']).toBeUndefined();
  });

  it('reconciles an optimistic message by nonce whichever answer comes first, without duplicates', () => {
    const base = run({ type: 'READY', ready }, loaded([msg('20')]));
    const pending = { ...msg('pending-n1', { user_id: ME, nonce: 'n1' }), pending: 'sending' as const };
    const real = msg('40', { user_id: ME, nonce: 'n1' });
    for (const order of [
      ['event', 'response'],
      ['response', 'event'],
    ]) {
      let s = reducer(base, { type: 'MESSAGE_PENDING', message: pending });
      expect(s.messages['10'].pending).toEqual(['n1']);
      for (const step of order) {
        s = step === 'event' ? reducer(s, d('MESSAGE_CREATE', real)) : reducer(s, { type: 'MESSAGE_SENT', channelId: '10', nonce: 'n1', message: real });
      }
      expect(s.messages['10'].ids).toEqual(['20', '40']);
      expect(s.messages['10'].pending).toEqual([]);
    }
  });

  it('marks a failed send and discards it on request', () => {
    let s = run({ type: 'READY', ready }, loaded([]));
    s = reducer(s, { type: 'MESSAGE_PENDING', message: { ...msg('p', { nonce: 'n2' }), pending: 'sending' } });
    s = reducer(s, { type: 'MESSAGE_FAILED', channelId: '10', nonce: 'n2', error: 'nope' });
    expect(s.messages['10'].pendingByNonce.n2.pending).toBe('failed');
    s = reducer(s, { type: 'MESSAGE_DISCARD', channelId: '10', nonce: 'n2' });
    expect(s.messages['10'].pending).toEqual([]);
  });

  it('applies updates, deletes and reactions', () => {
    let s = run({ type: 'READY', ready }, loaded([msg('20')]));
    s = reducer(s, d('MESSAGE_UPDATE', { ...msg('20'), content: 'new', edited_at: '2026-01-01T00:01:00Z' }));
    expect(s.messages['10'].byId['20'].content).toBe('new');
    s = reducer(s, d('MESSAGE_REACTION_ADD', { user_id: '2', channel_id: '10', message_id: '20', emoji: '👍' }));
    s = reducer(s, d('MESSAGE_REACTION_ADD', { user_id: ME, channel_id: '10', message_id: '20', emoji: '👍' }));
    expect(s.messages['10'].byId['20'].reactions).toEqual([{ emoji: '👍', count: 2, me: true }]);
    s = reducer(s, d('MESSAGE_REACTION_REMOVE', { user_id: '2', channel_id: '10', message_id: '20', emoji: '👍' }));
    expect(s.messages['10'].byId['20'].reactions).toEqual([{ emoji: '👍', count: 1, me: true }]);
    s = reducer(s, d('MESSAGE_REACTION_REMOVE', { user_id: ME, channel_id: '10', message_id: '20', emoji: '👍' }));
    expect(s.messages['10'].byId['20'].reactions).toEqual([]);
    s = reducer(s, d('CHANNEL_PINS_UPDATE', { channel_id: '10', message_id: '20', pinned: true }));
    expect(s.messages['10'].byId['20'].pinned).toBe(true);
    s = reducer(s, d('MESSAGE_DELETE', { channel_id: '10', message_id: '20' }));
    expect(s.messages['10'].ids).toEqual([]);
  });

  it('counts unread messages and mentions for channels not being read', () => {
    let s = run({ type: 'READY', ready });
    s = reducer(s, d('MESSAGE_CREATE', msg('600', { channel_id: '11', mentions: [ME] })));
    expect(s.readStates['11']).toMatchObject({ unread_count: 1, mention_count: 1 });
    s = reducer(s, { type: 'ACKED', channelId: '11', messageId: '600' });
    expect(s.readStates['11']).toMatchObject({ unread_count: 0, mention_count: 0 });
  });

  it('hides a channel when an overwrite removes VIEW_CHANNEL for me', () => {
    let s = run({ type: 'READY', ready }, { type: 'MEMBER_LOADED', member: { user_id: ME, server_id: S, user: ready.user, roles: [], nick: null } });
    expect(visibleChannels(s, S).map((c) => c.channel_id)).toEqual(['10', '11']);
    s = reducer(s, d('CHANNEL_UPDATE', ch('11', [{ id: S, type: 'role', allow: '0', deny: P.VIEW_CHANNEL.toString() }])));
    expect(visibleChannels(s, S).map((c) => c.channel_id)).toEqual(['10']);
    // a role that allows it brings it back
    s = reducer(s, d('SERVER_ROLE_CREATE', { role_id: '7', server_id: S, name: 'vip', permissions: '0', color: 0, position: 1, hoist: false, mentionable: false }));
    s = reducer(s, d('CHANNEL_UPDATE', ch('11', [
      { id: S, type: 'role', allow: '0', deny: P.VIEW_CHANNEL.toString() },
      { id: '7', type: 'role', allow: P.VIEW_CHANNEL.toString(), deny: '0' },
    ])));
    expect(visibleChannels(s, S).map((c) => c.channel_id)).toEqual(['10']);
    s = reducer(s, d('SERVER_MEMBER_UPDATE', { user_id: ME, server_id: S, user: ready.user, roles: ['7'], nick: null }));
    expect(visibleChannels(s, S).map((c) => c.channel_id)).toEqual(['10', '11']);
    // and removing @everyone's VIEW_CHANNEL hides everything without overwrites
    s = reducer(s, d('SERVER_ROLE_UPDATE', { ...ready.servers[0].roles![0], permissions: '0' }));
    expect(visibleChannels(s, S).map((c) => c.channel_id)).toEqual(['11']);
  });

  it('removes channels, servers and my membership', () => {
    let s = run({ type: 'READY', ready });
    s = reducer(s, d('CHANNEL_DELETE', ch('11')));
    expect(Object.keys(s.channels)).toEqual(['10']);
    s = reducer(s, d('SERVER_MEMBER_REMOVE', { server_id: S, user_id: ME }));
    expect(s.serverOrder).toEqual([]);
    expect(s.channels).toEqual({});
  });

  it('shows typing for 10 s and stops when the message arrives', () => {
    let s = run({ type: 'READY', ready }, loaded([]));
    s = reducer(s, d('TYPING_START', { channel_id: '10', user_id: '2', timestamp: 1000 }));
    expect(typingUsers(s, '10', 1_000_500)).toEqual(['2']);
    expect(typingUsers(s, '10', 1_010_001)).toEqual([]);
    s = reducer(s, d('MESSAGE_CREATE', msg('700')));
    expect(typingUsers(s, '10', 1_000_500)).toEqual([]);
  });

  it('keeps an unavailable server in order until SERVER_CREATE fills it in', () => {
    let s = run({ type: 'READY', ready: { ...ready, servers: [...ready.servers, { server_id: '200', unavailable: true } as never] } });
    expect(s.serverOrder).toEqual([S, '200']);
    expect(s.servers['200']).toBeUndefined();
    s = reducer(s, d('SERVER_CREATE', { server_id: '200', server_name: 'Late', owner_id: OWNER, icon_url: null, channels: [{ ...ch('20'), server_id: '200' }], roles: [] }));
    expect(s.servers['200'].server_name).toBe('Late');
    expect(s.channels['20'].server_id).toBe('200');
  });

  it('tracks presence', () => {
    const s = run({ type: 'READY', ready }, d('PRESENCE_UPDATE', { user_id: '2', status: 'idle' }));
    expect(s.presence['2']).toBe('idle');
  });
});
