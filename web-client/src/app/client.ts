/** Wires the gateway to the store and holds the actions the UI calls. */
import { api, enc, refreshTokens, retryBusy } from '../api/http';
import { ApiError, errorText } from '../api/errors';
import { session } from '../api/session';
import type { Channel, Member, Message, Ready, Status, User } from '../api/types';
import { GatewayClient, type SocketLike } from '../gateway/GatewayClient';
import { store } from '../store/store';
import type { LocalMessage } from '../store/state';
import { applyReaction } from '../store/reducer';
import { handleVoiceDispatch, resetVoice } from '../voice';
import { interactionFailed, type InteractionFailed } from './interactions';
import { type AttachmentRef, resetUploads } from './uploads';

let gateway: GatewayClient | null = null;

export function gatewayUrl(): string {
  return `${location.origin.replace('http', 'ws')}/gateway`;
}

export function startSession() {
  if (gateway) return;
  gateway = new GatewayClient({
    url: gatewayUrl(),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    getToken: async (refresh) => {
      if (refresh || !session.accessToken) await refreshTokens();
      return session.accessToken;
    },
    status: () => store.getState().myStatus,
    onStateChange: (state) => store.dispatch({ type: 'CONNECTION', state }),
    onAuthFailed: () => session.clear(),
    onDispatch: (t, d) => {
      if (t === 'READY') {
        const ready = d as Ready;
        store.dispatch({ type: 'READY', ready });
        void afterReady(ready);
      } else {
        store.dispatch({ type: 'DISPATCH', t, d });
        // a message in a conversation this client has not listed yet: fetch the DM list
        const m = d as { server_id?: string | null; channel_id?: string };
        if (t === 'MESSAGE_CREATE' && !m.server_id && m.channel_id && !store.getState().dms[m.channel_id]) loadDms();
        // events that name a user by id only (typing, presence, a member whose profile the server did not
        // have yet): learn who it is, so nobody shows as "Unknown user"
        if (t === 'TYPING_START' || t === 'PRESENCE_UPDATE' || t === 'SERVER_MEMBER_ADD' || t === 'VOICE_STATE_UPDATE') {
          const id = (d as { user_id?: string }).user_id;
          if (id) ensureUser(id);
        }
      }
      handleVoiceDispatch(t, d);
      if (t === 'INTERACTION_FAILED') interactionFailed(d as InteractionFailed);
    },
  });
  gateway.start();
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
}

const onOffline = () => gateway?.networkOffline();
const onOnline = () => gateway?.networkOnline();

export function stopSession() {
  window.removeEventListener('offline', onOffline);
  window.removeEventListener('online', onOnline);
  gateway?.stop();
  gateway = null;
  resetVoice();
  resetUploads();
  // per-user memory of the last session must not leak into the next login
  for (const k of Object.keys(acked)) delete acked[k];
  lastTyping = {};
  store.dispatch({ type: 'RESET' });
}

async function afterReady(ready: Ready) {
  loadDms();
  await Promise.all(
    (ready.servers ?? [])
      .filter((s) => !s.unavailable)
      .map((s) =>
        api<Member>(`/servers/${s.server_id}/members/@me`)
          .then((member) => store.dispatch({ type: 'MEMBER_LOADED', member }))
          .catch(() => undefined),
      ),
  );
}

const usersAsked = new Set<string>();

/** Fetches a user's profile once when this client does not know it yet. */
export function ensureUser(userId: string) {
  if (store.getState().users[userId]?.username || usersAsked.has(userId)) return;
  usersAsked.add(userId);
  api<User>(`/users/${enc(userId)}`)
    .then((user) => store.dispatch({ type: 'USER_LOADED', user }))
    .catch(() => usersAsked.delete(userId));
}

export function loadDms() {
  api<Channel[]>('/users/@me/channels')
    .then((channels) => store.dispatch({ type: 'DMS_LOADED', channels }))
    .catch(() => undefined);
}

export function setStatus(status: Status) {
  store.dispatch({ type: 'MY_STATUS', status });
  gateway?.updatePresence(status);
}

export const PAGE = 50;

export async function loadLatest(channelId: string) {
  store.dispatch({ type: 'MESSAGES_LOADING', channelId });
  const messages = await api<Message[]>(`/channels/${channelId}/messages?limit=${PAGE}`).catch((e) => {
    store.dispatch({ type: 'MESSAGES_LOAD_FAILED', channelId });
    throw e;
  });
  store.dispatch({ type: 'MESSAGES_LOADED', channelId, messages, mode: 'latest', limit: PAGE });
}

/** Older history comes in the largest pages the API allows: fewer round trips while scrolling up. */
export const OLDER_PAGE = 100;

export async function loadOlder(channelId: string, before: string) {
  const messages = await api<Message[]>(`/channels/${channelId}/messages?before=${before}&limit=${OLDER_PAGE}`);
  store.dispatch({ type: 'MESSAGES_LOADED', channelId, messages, mode: 'before', limit: OLDER_PAGE });
}

export async function loadNewer(channelId: string, after: string) {
  const messages = await api<Message[]>(`/channels/${channelId}/messages?after=${after}&limit=${PAGE}`);
  store.dispatch({ type: 'MESSAGES_LOADED', channelId, messages, mode: 'after', limit: PAGE });
}

export async function loadAround(channelId: string, around: string) {
  const messages = await api<Message[]>(`/channels/${channelId}/messages?around=${around}&limit=${PAGE}`);
  store.dispatch({ type: 'MESSAGES_LOADED', channelId, messages, mode: 'around', limit: PAGE });
}

function newNonce(): string {
  // a snowflake-like decimal string, unique enough per client
  return `${Date.now()}${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, '0')}`;
}

export interface SendResult {
  rateLimitedFor?: number;
}

/** Optimistic send: the pending copy is replaced by the 200 response or MESSAGE_CREATE, whichever comes first. */
export async function sendMessage(
  channelId: string,
  content: string,
  replyTo?: string | null,
  nonceIn?: string,
  files: AttachmentRef[] = [],
): Promise<SendResult> {
  const s = store.getState();
  const me = s.me!;
  const nonce = nonceIn ?? newNonce();
  const serverId = s.channels[channelId]?.server_id ?? null;
  const pending: LocalMessage = {
    message_id: `pending-${nonce}`,
    channel_id: channelId,
    server_id: serverId,
    user_id: me.user_id,
    author: { user_id: me.user_id, username: me.username, avatar_url: me.avatar_url },
    content,
    created_at: new Date().toISOString(),
    edited_at: null,
    reply_to: replyTo ? replySummary(channelId, replyTo) : null,
    attachments: [],
    reactions: [],
    mentions: [],
    pinned: false,
    nonce,
    pending: 'sending',
    files,
  };
  store.dispatch({ type: 'MESSAGE_PENDING', message: pending });
  // one request at a time per channel, so messages keep the order they were written in
  const previous = sendQueues[channelId] ?? Promise.resolve();
  const result = previous.then(() => post(channelId, content, replyTo, nonce, files));
  sendQueues[channelId] = result.then(() => undefined);
  return result;
}

const sendQueues: Record<string, Promise<void>> = {};

async function post(channelId: string, content: string, replyTo: string | null | undefined, nonce: string, files: AttachmentRef[]): Promise<SendResult> {
  try {
    const body: Record<string, unknown> = { content, nonce };
    if (replyTo) body.reply_to = replyTo;
    if (files.length) body.attachments = files;
    // the nonce makes a repeat safe: a send the server was too busy for (or could not take) goes again, as asked
    const message = await retryBusy(() => api<Message>(`/channels/${channelId}/messages`, { method: 'POST', body }));
    store.dispatch({ type: 'MESSAGE_SENT', channelId, nonce, message });
    return {};
  } catch (e) {
    if (e instanceof ApiError && e.status === 429) {
      const why = e.code === 'OVERLOADED' ? 'Guildhall is busy right now.' : 'you are sending too fast.';
      store.dispatch({ type: 'MESSAGE_FAILED', channelId, nonce, error: `Not sent: ${why}` });
      return { rateLimitedFor: e.retryAfter ?? 5 };
    }
    store.dispatch({ type: 'MESSAGE_FAILED', channelId, nonce, error: errorText(e) });
    return {};
  }
}

function replySummary(channelId: string, messageId: string) {
  const m = store.getState().messages[channelId]?.byId[messageId];
  return { message_id: messageId, user_id: m?.user_id ?? null, content: m?.content.slice(0, 100) ?? null, deleted: false };
}

export function retrySend(m: LocalMessage) {
  return sendMessage(m.channel_id, m.content, m.reply_to?.message_id ?? null, m.nonce!, m.files ?? []);
}

export async function editMessage(channelId: string, messageId: string, content: string) {
  const message = await api<Message>(`/channels/${channelId}/messages/${messageId}`, { method: 'PATCH', body: { content } });
  store.dispatch({ type: 'MESSAGE_UPSERT', message: { ...message, nonce: null } });
}

export async function deleteMessage(channelId: string, messageId: string) {
  await api(`/channels/${channelId}/messages/${messageId}`, { method: 'DELETE' });
  store.dispatch({ type: 'DISPATCH', t: 'MESSAGE_DELETE', d: { channel_id: channelId, message_id: messageId } });
}

export async function toggleReaction(channelId: string, messageId: string, emoji: string) {
  const s = store.getState();
  const m = s.messages[channelId]?.byId[messageId];
  const mine = !!m?.reactions?.find((r) => r.emoji === emoji && r.me);
  const apply = (add: boolean) => {
    const cur = store.getState().messages[channelId]?.byId[messageId];
    if (!cur) return;
    store.dispatch({ type: 'MESSAGE_UPSERT', message: { ...cur, nonce: null, reactions: applyReaction(cur.reactions ?? [], emoji, add, true) } });
  };
  apply(!mine);
  try {
    await api(`/channels/${channelId}/messages/${messageId}/reactions/${enc(emoji)}/@me`, { method: mine ? 'DELETE' : 'PUT' });
  } catch (e) {
    apply(mine);
    throw e;
  }
}

export async function setPinned(channelId: string, messageId: string, pinned: boolean) {
  await api(`/channels/${channelId}/pins/${messageId}`, { method: pinned ? 'PUT' : 'DELETE' });
  store.dispatch({ type: 'DISPATCH', t: 'CHANNEL_PINS_UPDATE', d: { channel_id: channelId, message_id: messageId, pinned } });
}

let lastTyping: Record<string, number> = {};
/** POST /typing at most every 8 s per channel. */
export function typing(channelId: string, now = Date.now()) {
  if (now - (lastTyping[channelId] ?? 0) < 8000) return;
  lastTyping[channelId] = now;
  api(`/channels/${channelId}/typing`, { method: 'POST' }).catch(() => undefined);
}
export function resetTyping(channelId: string) {
  lastTyping = { ...lastTyping, [channelId]: 0 };
}

const acked: Record<string, string> = {};
export function ack(channelId: string, messageId: string) {
  if (acked[channelId] === messageId) return;
  acked[channelId] = messageId;
  store.dispatch({ type: 'ACKED', channelId, messageId });
  api(`/channels/${channelId}/messages/${messageId}/ack`, { method: 'POST', body: {} }).catch(() => {
    delete acked[channelId];
  });
}

export async function openDm(recipientId: string): Promise<Channel> {
  const channel = await api<Channel>('/users/@me/channels', { method: 'POST', body: { recipient_id: recipientId } });
  store.dispatch({ type: 'DM_OPENED', channel });
  return channel;
}

export async function loadMembers(serverId: string) {
  const all: Member[] = [];
  let after: string | undefined;
  for (let page = 0; page < 50; page++) {
    const batch = await api<Member[]>(`/servers/${serverId}/members?limit=100${after ? `&after=${after}` : ''}`);
    all.push(...batch);
    if (batch.length < 100) break;
    after = batch[batch.length - 1].user_id;
  }
  store.dispatch({ type: 'MEMBERS_LOADED', serverId, members: all });
}
