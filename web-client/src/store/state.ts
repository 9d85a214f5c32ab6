import type { Channel, Member, Message, ReadState, Ready, Role, Server, Status, User } from '../api/types';
import type { ConnectionState } from '../gateway/GatewayClient';
import { canView, type PermissionInput } from './permissions';

/** `files`: what a pending send attaches (upload ids), kept so Retry sends them again. */
export type LocalMessage = Message & { pending?: 'sending' | 'failed'; error?: string; files?: { upload_id: string; filename: string; description?: string; spoiler?: boolean }[] };

export interface ChannelMessages {
  /** Ids of sent messages, oldest first (snowflakes sort by time). */
  ids: string[];
  byId: Record<string, LocalMessage>;
  /** Nonces of messages still being sent or failed, in the order they were written. */
  pending: string[];
  pendingByNonce: Record<string, LocalMessage>;
  hasOlder: boolean;
  /** False while a window loaded with `around=` does not reach the newest message. */
  atLatest: boolean;
}

export interface AppState {
  me: User | null;
  connection: ConnectionState;
  /** True once the first READY arrived. */
  ready: boolean;
  servers: Record<string, Server>;
  serverOrder: string[];
  channels: Record<string, Channel>;
  roles: Record<string, Record<string, Role>>;
  members: Record<string, Record<string, Member>>;
  /** My role ids per server, once known; unknown → trust what the gateway sent. */
  myRoles: Record<string, string[] | undefined>;
  dms: Record<string, Channel>;
  messages: Record<string, ChannelMessages>;
  presence: Record<string, Status>;
  myStatus: Status;
  /** channel → user → expiry (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  readStates: Record<string, ReadState>;
  users: Record<string, User>;
  /**
   * Avatars announced live by USER_UPDATE in this page's life (null: removed). They win over every avatar a loaded
   * message, member or profile carries; a loaded object's null does not (a read model may lag the change).
   */
  liveAvatars: Record<string, string | null>;
  /** Bumped by CHANNEL_PINS_UPDATE so an open pins panel refetches. */
  pinsVersion: Record<string, number>;
  /**
   * Channels whose newest page is being fetched, with the messages created live meanwhile: the answer may have been
   * read before they were committed, so they are merged into it when it arrives instead of being lost between the two.
   */
  loadingLatest: Record<string, Message[]>;
}

export const initialState: AppState = {
  me: null,
  connection: 'idle',
  ready: false,
  servers: {},
  serverOrder: [],
  channels: {},
  roles: {},
  members: {},
  myRoles: {},
  dms: {},
  messages: {},
  presence: {},
  myStatus: 'online',
  typing: {},
  readStates: {},
  users: {},
  liveAvatars: {},
  pinsVersion: {},
  loadingLatest: {},
};

export type Action =
  | { type: 'READY'; ready: Ready }
  | { type: 'DISPATCH'; t: string; d: unknown; now?: number }
  | { type: 'CONNECTION'; state: ConnectionState }
  | { type: 'RESET' }
  | { type: 'MESSAGES_LOADING'; channelId: string }
  | { type: 'MESSAGES_LOAD_FAILED'; channelId: string }
  | { type: 'MESSAGES_LOADED'; channelId: string; messages: Message[]; mode: 'latest' | 'before' | 'around' | 'after'; limit: number }
  | { type: 'MESSAGE_PENDING'; message: LocalMessage }
  | { type: 'MESSAGE_SENT'; channelId: string; nonce: string; message: Message }
  | { type: 'MESSAGE_FAILED'; channelId: string; nonce: string; error: string }
  | { type: 'MESSAGE_DISCARD'; channelId: string; nonce: string }
  | { type: 'MESSAGE_UPSERT'; message: Message }
  | { type: 'MEMBERS_LOADED'; serverId: string; members: Member[] }
  | { type: 'MEMBER_LOADED'; member: Member }
  | { type: 'DMS_LOADED'; channels: Channel[] }
  | { type: 'DM_OPENED'; channel: Channel }
  | { type: 'DM_CLOSED'; channelId: string }
  | { type: 'ACKED'; channelId: string; messageId: string }
  | { type: 'MY_STATUS'; status: Status }
  | { type: 'ME_UPDATED'; user: User }
  | { type: 'USER_LOADED'; user: User }
  | { type: 'SERVER_UPSERT'; server: Server }
  | { type: 'CHANNEL_UPSERT'; channel: Channel }
  | { type: 'ROLE_UPSERT'; role: Role };

export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function emptyMessages(): ChannelMessages {
  return { ids: [], byId: {}, pending: [], pendingByNonce: {}, hasOlder: true, atLatest: true };
}

/** The permission inputs for me in a server. */
export function permissionInput(state: AppState, serverId: string): PermissionInput | null {
  const server = state.servers[serverId];
  const me = state.me;
  if (!server || !me) return null;
  return {
    serverId,
    ownerId: server.owner_id,
    userId: me.user_id,
    memberRoles: state.myRoles[serverId] ?? [],
    roles: state.roles[serverId] ?? {},
  };
}

/** Channels of a server I may see, sorted by position (categories included). */
export function visibleChannels(state: AppState, serverId: string): Channel[] {
  const input = permissionInput(state, serverId);
  const known = state.myRoles[serverId] !== undefined;
  return Object.values(state.channels)
    .filter((c) => c.server_id === serverId)
    .filter((c) => !input || !known || canView(input, c))
    .sort((a, b) => a.position - b.position || compareIds(a.channel_id, b.channel_id));
}
