import type { Channel, Member, Message, Reaction, ReadState, Role, Server, Status, User } from '../api/types';
import {
  type Action,
  type AppState,
  type ChannelMessages,
  type LocalMessage,
  compareIds,
  emptyMessages,
  initialState,
} from './state';

export const TYPING_TTL_MS = 10_000;

/** Applies an action; never mutates `state`. */
export function reducer(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'RESET':
      return initialState;
    case 'CONNECTION':
      return { ...state, connection: action.state };
    case 'READY':
      return ready(state, action.ready);
    case 'DISPATCH':
      return dispatch(state, action.t, action.d, action.now ?? Date.now());
    case 'MESSAGES_LOADING':
      return { ...state, loadingLatest: { ...state.loadingLatest, [action.channelId]: [] } };
    case 'MESSAGES_LOAD_FAILED': {
      const loadingLatest = { ...state.loadingLatest };
      delete loadingLatest[action.channelId];
      return { ...state, loadingLatest };
    }
    case 'MESSAGES_LOADED':
      return messagesLoaded(state, action);
    case 'MESSAGE_PENDING': {
      const m = action.message;
      const cm = state.messages[m.channel_id] ?? emptyMessages();
      const nonce = m.nonce!;
      const has = nonce in cm.pendingByNonce;
      return withChannel(state, m.channel_id, {
        ...cm,
        pending: has ? cm.pending : [...cm.pending, nonce],
        pendingByNonce: { ...cm.pendingByNonce, [nonce]: m },
      });
    }
    case 'MESSAGE_SENT':
      return upsertMessage(state, action.message, action.nonce);
    case 'MESSAGE_FAILED': {
      const cm = state.messages[action.channelId];
      const p = cm?.pendingByNonce[action.nonce];
      if (!cm || !p) return state;
      return withChannel(state, action.channelId, {
        ...cm,
        pendingByNonce: { ...cm.pendingByNonce, [action.nonce]: { ...p, pending: 'failed', error: action.error } },
      });
    }
    case 'MESSAGE_DISCARD':
      return dropPending(state, action.channelId, action.nonce);
    case 'MESSAGE_UPSERT':
      return upsertMessage(state, action.message, action.message.nonce ?? undefined);
    case 'MEMBERS_LOADED': {
      const map: Record<string, Member> = { ...(state.members[action.serverId] ?? {}) };
      const users = { ...state.users };
      for (const m of action.members) {
        map[m.user_id] = m;
        if (m.user) users[m.user_id] = m.user;
      }
      let next: AppState = { ...state, users, members: { ...state.members, [action.serverId]: map } };
      const mine = state.me && map[state.me.user_id];
      if (mine) next = { ...next, myRoles: { ...next.myRoles, [action.serverId]: mine.roles } };
      return next;
    }
    case 'MEMBER_LOADED':
      return memberUpsert(state, action.member);
    case 'DMS_LOADED': {
      const dms: Record<string, Channel> = {};
      const users = { ...state.users };
      for (const c of action.channels) {
        dms[c.channel_id] = c;
        for (const u of c.recipients ?? []) users[u.user_id] = { ...users[u.user_id], ...u };
      }
      return { ...state, dms, users };
    }
    case 'DM_OPENED':
      return dmUpsert(state, action.channel);
    case 'DM_CLOSED':
      return removeDm(state, action.channelId);
    case 'ACKED': {
      const prev = state.readStates[action.channelId];
      const rs: ReadState = {
        channel_id: action.channelId,
        server_id: prev?.server_id ?? state.channels[action.channelId]?.server_id ?? null,
        last_message_id: action.messageId,
        unread_count: 0,
        mention_count: 0,
      };
      return { ...state, readStates: { ...state.readStates, [action.channelId]: rs } };
    }
    case 'MY_STATUS': {
      const presence = state.me ? { ...state.presence, [state.me.user_id]: visible(action.status) } : state.presence;
      return { ...state, myStatus: action.status, presence };
    }
    case 'ME_UPDATED':
      return { ...state, me: { ...state.me, ...action.user }, users: { ...state.users, [action.user.user_id]: action.user } };
    case 'USER_LOADED':
      return { ...state, users: { ...state.users, [action.user.user_id]: { ...state.users[action.user.user_id], ...action.user } } };
    case 'SERVER_UPSERT':
      return serverUpsert(state, action.server);
    case 'CHANNEL_UPSERT':
      return { ...state, channels: { ...state.channels, [action.channel.channel_id]: action.channel } };
    case 'ROLE_UPSERT':
      return roleUpsert(state, action.role);
  }
}

function visible(s: Status): Status {
  return s === 'invisible' ? 'offline' : s;
}

function ready(state: AppState, r: import('../api/types').Ready): AppState {
  let next: AppState = {
    ...state,
    me: r.user,
    ready: true,
    servers: {},
    serverOrder: [],
    channels: Object.fromEntries(Object.entries(state.channels).filter(([, c]) => c.server_id === null)),
    roles: {},
    readStates: {},
    // a fresh session may have missed events: cached history is refetched when viewed
    messages: {},
    typing: {},
    users: { ...state.users, [r.user.user_id]: r.user },
    presence: { ...state.presence, [r.user.user_id]: visible(state.myStatus) },
  };
  for (const s of r.servers ?? []) next = serverUpsert(next, s);
  const rs: Record<string, ReadState> = {};
  for (const x of r.read_states ?? []) rs[x.channel_id] = x;
  return { ...next, readStates: rs };
}

function serverUpsert(state: AppState, s: Server): AppState {
  if (s.unavailable) {
    // READY lists it before its snapshot is loaded; SERVER_CREATE fills it in
    if (state.serverOrder.includes(s.server_id)) return state;
    return { ...state, serverOrder: [...state.serverOrder, s.server_id] };
  }
  const { channels, roles, presences, ...bare } = s;
  const servers = { ...state.servers, [s.server_id]: { ...(state.servers[s.server_id] ?? {}), ...bare } };
  const serverOrder = state.serverOrder.includes(s.server_id) ? state.serverOrder : [...state.serverOrder, s.server_id];
  let next: AppState = { ...state, servers, serverOrder };
  if (presences) {
    const presence = { ...next.presence };
    for (const p of presences) {
      // my own status is what I set, not what the server saw a moment ago
      if (p.user_id !== next.me?.user_id) presence[p.user_id] = p.status;
    }
    next = { ...next, presence };
  }
  if (channels) {
    const all = Object.fromEntries(Object.entries(next.channels).filter(([, c]) => c.server_id !== s.server_id));
    for (const c of channels) all[c.channel_id] = { ...c, server_id: c.server_id ?? s.server_id };
    next = { ...next, channels: all };
  }
  if (roles) {
    const map: Record<string, Role> = {};
    for (const r of roles) map[r.role_id] = { ...r, server_id: r.server_id ?? s.server_id };
    next = { ...next, roles: { ...next.roles, [s.server_id]: map } };
  }
  return next;
}

function roleUpsert(state: AppState, role: Role): AppState {
  const serverRoles = { ...(state.roles[role.server_id] ?? {}), [role.role_id]: role };
  return { ...state, roles: { ...state.roles, [role.server_id]: serverRoles } };
}

function memberUpsert(state: AppState, m: Member): AppState {
  const map = { ...(state.members[m.server_id] ?? {}), [m.user_id]: m };
  let next: AppState = { ...state, members: { ...state.members, [m.server_id]: map } };
  if (m.user) next = { ...next, users: { ...next.users, [m.user_id]: m.user } };
  if (state.me && m.user_id === state.me.user_id) next = { ...next, myRoles: { ...next.myRoles, [m.server_id]: m.roles ?? [] } };
  return next;
}

function dmUpsert(state: AppState, c: Channel): AppState {
  const users = { ...state.users };
  for (const u of c.recipients ?? []) users[u.user_id] = { ...users[u.user_id], ...u };
  // the event lists both participants; keep only the other one, as the REST list does
  const me = state.me?.user_id;
  const others = (c.recipients ?? []).filter((u) => u.user_id !== me);
  const recipients = others.length ? others : c.recipients;
  return { ...state, users, dms: { ...state.dms, [c.channel_id]: { ...state.dms[c.channel_id], ...c, recipients } } };
}

function removeServer(state: AppState, serverId: string): AppState {
  const servers = { ...state.servers };
  delete servers[serverId];
  const channels = Object.fromEntries(Object.entries(state.channels).filter(([, c]) => c.server_id !== serverId));
  const roles = { ...state.roles };
  delete roles[serverId];
  const members = { ...state.members };
  delete members[serverId];
  return { ...state, servers, channels, roles, members, serverOrder: state.serverOrder.filter((id) => id !== serverId) };
}

function withChannel(state: AppState, channelId: string, cm: ChannelMessages): AppState {
  return { ...state, messages: { ...state.messages, [channelId]: cm } };
}

function dropPending(state: AppState, channelId: string, nonce: string): AppState {
  const cm = state.messages[channelId];
  if (!cm || !(nonce in cm.pendingByNonce)) return state;
  const pendingByNonce = { ...cm.pendingByNonce };
  delete pendingByNonce[nonce];
  return withChannel(state, channelId, { ...cm, pending: cm.pending.filter((n) => n !== nonce), pendingByNonce });
}

/** Inserts `ids` (each new) into the sorted `into`. */
function mergeIds(into: string[], ids: string[]): string[] {
  if (ids.length === 0) return into;
  const sorted = [...ids].sort(compareIds);
  if (into.length === 0 || compareIds(sorted[0], into[into.length - 1]) > 0) return [...into, ...sorted];
  if (compareIds(sorted[sorted.length - 1], into[0]) < 0) return [...sorted, ...into];
  return [...into, ...sorted].sort(compareIds);
}

/** Adds or replaces a sent message; a pending copy with the same nonce goes away (no duplicates). */
function upsertMessage(state: AppState, m: Message, nonce?: string): AppState {
  let next = nonce ? dropPending(state, m.channel_id, nonce) : state;
  const cm = next.messages[m.channel_id];
  if (!cm) return next;
  const existing = cm.byId[m.message_id];
  // keep my reaction flags: events always say me=false
  const merged: LocalMessage = existing ? { ...existing, ...m, reactions: mergeMe(existing.reactions, m.reactions) } : m;
  if (!existing && !cm.atLatest) {
    // a window in the past: the newest messages are not loaded, do not create a gap
    return next;
  }
  next = withChannel(next, m.channel_id, {
    ...cm,
    byId: { ...cm.byId, [m.message_id]: merged },
    ids: existing ? cm.ids : mergeIds(cm.ids, [m.message_id]),
  });
  return next;
}

function mergeMe(old: Reaction[] | undefined, fresh: Reaction[] | undefined): Reaction[] {
  if (!fresh) return old ?? [];
  const mine = new Set((old ?? []).filter((r) => r.me).map((r) => r.emoji));
  return fresh.map((r) => (r.me || !mine.has(r.emoji) ? r : { ...r, me: true }));
}

function messagesLoaded(
  state: AppState,
  a: { channelId: string; messages: Message[]; mode: 'latest' | 'before' | 'around' | 'after'; limit: number },
): AppState {
  const prev = state.messages[a.channelId];
  const full = a.messages.length >= a.limit;
  // messages created while the newest page was on its way: the page may predate them
  const live = a.mode === 'latest' ? state.loadingLatest[a.channelId] : undefined;
  if (live) {
    const loadingLatest = { ...state.loadingLatest };
    delete loadingLatest[a.channelId];
    state = { ...state, loadingLatest };
    const fetched = new Set(a.messages.map((m) => m.message_id));
    a = { ...a, messages: [...a.messages, ...live.filter((m) => !fetched.has(m.message_id))] };
  }
  let cm: ChannelMessages;
  if (a.mode === 'latest' || a.mode === 'around' || !prev) {
    cm = { ...emptyMessages(), pending: prev?.pending ?? [], pendingByNonce: prev?.pendingByNonce ?? {} };
    cm.hasOlder = a.mode === 'around' ? true : full;
    cm.atLatest = a.mode === 'latest' || (a.mode === 'around' && !full);
  } else {
    cm = { ...prev, byId: { ...prev.byId } };
    if (a.mode === 'before') cm.hasOlder = full;
    if (a.mode === 'after') cm.atLatest = !full;
  }
  const byId = a.mode === 'latest' || a.mode === 'around' ? {} : cm.byId;
  const fresh: string[] = [];
  for (const m of a.messages) {
    if (!(m.message_id in byId)) fresh.push(m.message_id);
    byId[m.message_id] = m;
  }
  cm.byId = byId;
  let users = state.users;
  for (const m of a.messages) {
    if (m.author?.username && users[m.user_id]?.username !== m.author.username) {
      if (users === state.users) users = { ...users };
      users[m.user_id] = { ...users[m.user_id], ...m.author };
    }
  }
  if (users !== state.users) state = { ...state, users };
  cm.ids = mergeIds(a.mode === 'latest' || a.mode === 'around' ? [] : cm.ids, fresh);
  // a pending message the server already has (its nonce came back) is not shown twice
  for (const m of a.messages) {
    if (m.nonce && m.nonce in cm.pendingByNonce) {
      const p = { ...cm.pendingByNonce };
      delete p[m.nonce];
      cm.pendingByNonce = p;
      cm.pending = cm.pending.filter((n) => n !== m.nonce);
    }
  }
  return withChannel(state, a.channelId, cm);
}

function mapMessage(state: AppState, channelId: string, messageId: string, f: (m: LocalMessage) => LocalMessage): AppState {
  const cm = state.messages[channelId];
  const m = cm?.byId[messageId];
  if (!cm || !m) return state;
  return withChannel(state, channelId, { ...cm, byId: { ...cm.byId, [messageId]: f(m) } });
}

function bumpUnread(state: AppState, m: Message): AppState {
  if (state.me && m.user_id === state.me.user_id) {
    // my own message: the channel is read up to it
    return {
      ...state,
      readStates: {
        ...state.readStates,
        [m.channel_id]: {
          channel_id: m.channel_id,
          server_id: m.server_id,
          last_message_id: m.message_id,
          unread_count: 0,
          mention_count: 0,
        },
      },
    };
  }
  const prev = state.readStates[m.channel_id];
  const mentioned = !!state.me && ((m.mentions ?? []).includes(state.me.user_id) || !!m.mention_everyone);
  const rs: ReadState = {
    channel_id: m.channel_id,
    server_id: m.server_id,
    last_message_id: prev?.last_message_id ?? '0',
    unread_count: (prev?.unread_count ?? 0) + 1,
    mention_count: (prev?.mention_count ?? 0) + (mentioned ? 1 : 0),
  };
  return { ...state, readStates: { ...state.readStates, [m.channel_id]: rs } };
}

function dispatch(state: AppState, t: string, d: unknown, now: number): AppState {
  switch (t) {
    case 'SERVER_CREATE':
    case 'SERVER_UPDATE': {
      const s = d as Server;
      if (s.unavailable) return state;
      return serverUpsert(state, s);
    }
    case 'SERVER_DELETE':
      return removeServer(state, (d as { server_id: string }).server_id);
    case 'CHANNEL_CREATE':
    case 'CHANNEL_UPDATE': {
      const c = d as Channel;
      if (c.channel_type === 'dm' || !c.server_id) return dmUpsert(state, c);
      return { ...state, channels: { ...state.channels, [c.channel_id]: c } };
    }
    case 'CHANNEL_DELETE': {
      const c = d as Channel;
      if (state.dms[c.channel_id]) return removeDm(state, c.channel_id);
      const channels = { ...state.channels };
      delete channels[c.channel_id];
      const messages = { ...state.messages };
      delete messages[c.channel_id];
      return { ...state, channels, messages };
    }
    case 'CHANNEL_RECIPIENT_ADD':
    case 'CHANNEL_RECIPIENT_REMOVE': {
      // Discord's group-DM events: {channel_id, user}
      const e = d as { channel_id: string; user?: User };
      const c = state.dms[e.channel_id];
      if (!c || !e.user) return state;
      if (t === 'CHANNEL_RECIPIENT_REMOVE' && e.user.user_id === state.me?.user_id) return removeDm(state, e.channel_id);
      const rest = (c.recipients ?? []).filter((u) => u.user_id !== e.user!.user_id);
      const recipients = t === 'CHANNEL_RECIPIENT_ADD' ? [...rest, e.user] : rest;
      return dmUpsert(state, { ...c, recipients });
    }
    case 'SERVER_MEMBER_ADD':
    case 'SERVER_MEMBER_UPDATE':
      return memberUpsert(state, d as Member);
    case 'SERVER_MEMBER_REMOVE': {
      const { server_id, user_id } = d as { server_id: string; user_id: string };
      if (state.me && user_id === state.me.user_id) return removeServer(state, server_id);
      const map = { ...(state.members[server_id] ?? {}) };
      delete map[user_id];
      return { ...state, members: { ...state.members, [server_id]: map } };
    }
    case 'SERVER_ROLE_CREATE':
    case 'SERVER_ROLE_UPDATE':
      return roleUpsert(state, d as Role);
    case 'SERVER_ROLE_DELETE': {
      const { server_id, role_id } = d as { server_id: string; role_id: string };
      const serverRoles = { ...(state.roles[server_id] ?? {}) };
      delete serverRoles[role_id];
      const mine = state.myRoles[server_id];
      return {
        ...state,
        roles: { ...state.roles, [server_id]: serverRoles },
        myRoles: mine ? { ...state.myRoles, [server_id]: mine.filter((r) => r !== role_id) } : state.myRoles,
      };
    }
    case 'MESSAGE_CREATE': {
      const m = d as Message;
      let next = upsertMessage(state, m, m.nonce ?? undefined);
      const loading = next.loadingLatest[m.channel_id];
      if (loading) next = { ...next, loadingLatest: { ...next.loadingLatest, [m.channel_id]: [...loading, m] } };
      if (!state.messages[m.channel_id]?.byId[m.message_id]) next = bumpUnread(next, m);
      // the author stopped typing
      const typing = next.typing[m.channel_id];
      if (typing && m.user_id in typing) {
        const tt = { ...typing };
        delete tt[m.user_id];
        next = { ...next, typing: { ...next.typing, [m.channel_id]: tt } };
      }
      if (m.author) next = { ...next, users: { ...next.users, [m.user_id]: { ...next.users[m.user_id], ...m.author } } };
      return next;
    }
    case 'MESSAGE_UPDATE': {
      const m = d as Message;
      return mapMessage(state, m.channel_id, m.message_id, (old) => ({ ...old, ...m, reactions: mergeMe(old.reactions, m.reactions) }));
    }
    case 'MESSAGE_DELETE': {
      const { channel_id, message_id } = d as { channel_id: string; message_id: string };
      const loading = state.loadingLatest[channel_id];
      if (loading?.some((m) => m.message_id === message_id)) {
        state = { ...state, loadingLatest: { ...state.loadingLatest, [channel_id]: loading.filter((m) => m.message_id !== message_id) } };
      }
      const cm = state.messages[channel_id];
      if (!cm || !cm.byId[message_id]) return state;
      const byId = { ...cm.byId };
      delete byId[message_id];
      return withChannel(state, channel_id, { ...cm, byId, ids: cm.ids.filter((id) => id !== message_id) });
    }
    case 'MESSAGE_REACTION_ADD':
    case 'MESSAGE_REACTION_REMOVE': {
      const e = d as { user_id: string; channel_id: string; message_id: string; emoji: string };
      const add = t === 'MESSAGE_REACTION_ADD';
      const mine = !!state.me && e.user_id === state.me.user_id;
      return mapMessage(state, e.channel_id, e.message_id, (m) => ({ ...m, reactions: applyReaction(m.reactions ?? [], e.emoji, add, mine) }));
    }
    case 'CHANNEL_PINS_UPDATE': {
      const e = d as { channel_id: string; message_id?: string; pinned?: boolean };
      const bumped = { ...state, pinsVersion: { ...state.pinsVersion, [e.channel_id]: (state.pinsVersion[e.channel_id] ?? 0) + 1 } };
      if (!e.message_id) return bumped;
      return mapMessage(bumped, e.channel_id, e.message_id, (m) => ({ ...m, pinned: !!e.pinned }));
    }
    case 'TYPING_START': {
      const e = d as { channel_id: string; user_id: string; timestamp?: number };
      if (state.me && e.user_id === state.me.user_id) return state;
      const started = e.timestamp ? e.timestamp * 1000 : now;
      const expires = Math.min(started, now) + TYPING_TTL_MS;
      return {
        ...state,
        typing: { ...state.typing, [e.channel_id]: { ...(state.typing[e.channel_id] ?? {}), [e.user_id]: expires } },
      };
    }
    case 'PRESENCE_UPDATE': {
      const e = d as { user_id?: string; user?: User; status: Status };
      const id = e.user_id ?? e.user?.user_id;
      if (!id) return state;
      return { ...state, presence: { ...state.presence, [id]: e.status } };
    }
    case 'USER_UPDATE': {
      const u = d as User;
      const me = state.me && state.me.user_id === u.user_id ? { ...state.me, ...u } : state.me;
      const liveAvatars = 'avatar_url' in u ? { ...state.liveAvatars, [u.user_id]: u.avatar_url ?? null } : state.liveAvatars;
      return { ...state, me, liveAvatars, users: { ...state.users, [u.user_id]: { ...state.users[u.user_id], ...u } } };
    }
    default:
      return state;
  }
}

/** A conversation I left or that was removed: gone from the DM list, its history forgotten. */
function removeDm(state: AppState, channelId: string): AppState {
  if (!state.dms[channelId]) return state;
  const dms = { ...state.dms };
  delete dms[channelId];
  const messages = { ...state.messages };
  delete messages[channelId];
  return { ...state, dms, messages };
}

/** Counts a reaction event; my own events set `me` (the REST call may already have). */
export function applyReaction(list: Reaction[], emoji: string, add: boolean, mine: boolean): Reaction[] {
  const i = list.findIndex((r) => r.emoji === emoji);
  const cur = i >= 0 ? list[i] : { emoji, count: 0, me: false };
  if (mine && cur.me === add) return list; // already applied optimistically
  const count = Math.max(0, cur.count + (add ? 1 : -1));
  const next = { ...cur, count, me: mine ? add : cur.me };
  if (count === 0) return list.filter((_, j) => j !== i);
  if (i < 0) return [...list, next];
  return list.map((r, j) => (j === i ? next : r));
}

/** Who is typing in a channel now (expired entries ignored). */
export function typingUsers(state: AppState, channelId: string, now: number): string[] {
  const t = state.typing[channelId];
  if (!t) return [];
  return Object.entries(t)
    .filter(([, exp]) => exp > now)
    .map(([id]) => id);
}
