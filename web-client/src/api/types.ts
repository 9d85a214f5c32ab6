import type { ActionRow, Embed, MessageInteraction } from './bots';

/** v1 object shapes (snake_case, ids as strings, permissions as decimal strings). */
export interface User {
  user_id: string;
  username: string | null;
  avatar_url: string | null;
  email?: string;
  mfa_enabled?: boolean;
  /** a bot account (or, on a message, a webhook's author) */
  bot?: boolean;
}

export interface Overwrite {
  id: string;
  type: 'role' | 'member';
  allow: string;
  deny: string;
}

export type ChannelType = 'text' | 'voice' | 'video' | 'category' | 'dm' | 'group_dm';

export interface Channel {
  channel_id: string;
  server_id: string | null;
  channel_name: string;
  channel_type: ChannelType;
  parent_id: string | null;
  position: number;
  permission_overwrites: Overwrite[];
  recipients?: User[];
  /** Group DMs: the name (null = the recipients' names) and the owner. */
  name?: string | null;
  owner_id?: string | null;
  icon_url?: string | null;
}

export interface Role {
  role_id: string;
  server_id: string;
  name: string;
  permissions: string;
  color: number;
  position: number;
  hoist: boolean;
  mentionable: boolean;
  /** a bot's role: not editable, deletable or assignable by hand */
  managed?: boolean;
}

export interface Server {
  server_id: string;
  server_name: string;
  owner_id: string;
  icon_url: string | null;
  created_at?: string;
  channels?: Channel[];
  roles?: Role[];
  unavailable?: boolean;
  /** READY / SERVER_CREATE: the members who are not offline. */
  presences?: { user_id: string; status: Status }[];
}

export interface Member {
  user_id: string;
  server_id: string;
  user: User;
  roles: string[];
  nick: string | null;
  joined_at?: string;
}

export interface Reaction {
  emoji: string;
  count: number;
  me: boolean;
}

export interface ReplyTo {
  message_id: string;
  user_id: string | null;
  content: string | null;
  deleted: boolean;
}

export interface Message {
  message_id: string;
  channel_id: string;
  server_id: string | null;
  user_id: string;
  author: User;
  content: string;
  created_at: string;
  edited_at: string | null;
  reply_to: ReplyTo | null;
  attachments: Attachment[];
  reactions: Reaction[];
  mentions: string[];
  mention_roles?: string[];
  mention_everyone?: boolean;
  pinned: boolean;
  nonce: string | null;
  /** bots (issue 10): see bots.ts for the shapes */
  embeds?: Embed[];
  components?: ActionRow[];
  webhook_id?: string | null;
  interaction?: MessageInteraction | null;
}

export interface ReadState {
  channel_id: string;
  server_id: string | null;
  last_message_id: string;
  unread_count: number;
  mention_count: number;
}

export interface Invite {
  code: string;
  server_id: string;
  channel_id: string;
  inviter_id: string;
  max_age: number;
  max_uses: number;
  uses: number;
  expires_at: string | null;
  server?: { server_id: string; server_name: string; icon_url: string | null };
  channel?: { channel_id: string; channel_name: string; channel_type: string };
  approximate_member_count?: number;
}

export interface Ready {
  v: number;
  user: User;
  servers: Server[];
  read_states: ReadState[];
  session_id: string;
  resume_gateway_url: string;
}

export type Status = 'online' | 'idle' | 'dnd' | 'invisible' | 'offline';

export type { ActionRow, Embed, MessageInteraction } from './bots';
/** A file of a message (ADR 160); `placeholder` is a BlurHash string once the thumbnailer ran. */
export interface Attachment {
  attachment_id: string;
  filename: string;
  description: string | null;
  content_type: string | null;
  size: number;
  url: string;
  proxy_url?: string | null;
  width?: number | null;
  height?: number | null;
  thumbnail?: { url: string; width: number; height: number } | null;
  placeholder?: string | null;
  duration_secs?: number | null;
  spoiler?: boolean;
}

/** `POST /channels/{id}/attachments` and `POST /uploads`: where to PUT the bytes. */
export interface UploadTarget {
  upload_id: string;
  upload_url: string;
  expires_at: string;
}
