import type { Channel, Overwrite, Role } from '../api/types';

/** Permission bits as common/permission/Permission.java numbers them (Discord's numbering). */
export const P = {
  CREATE_INSTANT_INVITE: 1n << 0n,
  KICK_MEMBERS: 1n << 1n,
  BAN_MEMBERS: 1n << 2n,
  ADMINISTRATOR: 1n << 3n,
  MANAGE_CHANNELS: 1n << 4n,
  MANAGE_SERVER: 1n << 5n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_AUDIT_LOG: 1n << 7n,
  PRIORITY_SPEAKER: 1n << 8n,
  STREAM: 1n << 9n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  SEND_TTS_MESSAGES: 1n << 12n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
  USE_EXTERNAL_EMOJIS: 1n << 18n,
  VIEW_SERVER_INSIGHTS: 1n << 19n,
  CONNECT: 1n << 20n,
  SPEAK: 1n << 21n,
  MUTE_MEMBERS: 1n << 22n,
  DEAFEN_MEMBERS: 1n << 23n,
  MOVE_MEMBERS: 1n << 24n,
  USE_VAD: 1n << 25n,
  CHANGE_NICKNAME: 1n << 26n,
  MANAGE_NICKNAMES: 1n << 27n,
  MANAGE_ROLES: 1n << 28n,
  MANAGE_WEBHOOKS: 1n << 29n,
  MANAGE_EXPRESSIONS: 1n << 30n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  MODERATE_MEMBERS: 1n << 40n,
} as const;

export type PermissionName = keyof typeof P;

export const ALL: bigint = Object.values(P).reduce((a, b) => a | b, 0n);

/** Human names for the permission toggles in settings. */
export const PERMISSION_LABELS: [PermissionName, string][] = [
  ['ADMINISTRATOR', 'Administrator'],
  ['VIEW_CHANNEL', 'View Channel'],
  ['SEND_MESSAGES', 'Send Messages'],
  ['READ_MESSAGE_HISTORY', 'Read Message History'],
  ['ADD_REACTIONS', 'Add Reactions'],
  ['MANAGE_MESSAGES', 'Manage Messages'],
  ['MENTION_EVERYONE', 'Mention @everyone'],
  ['EMBED_LINKS', 'Embed Links'],
  ['ATTACH_FILES', 'Attach Files'],
  ['CREATE_INSTANT_INVITE', 'Create Invite'],
  ['MANAGE_CHANNELS', 'Manage Channels'],
  ['MANAGE_ROLES', 'Manage Roles'],
  ['MANAGE_SERVER', 'Manage Server'],
  ['KICK_MEMBERS', 'Kick Members'],
  ['BAN_MEMBERS', 'Ban Members'],
  ['VIEW_AUDIT_LOG', 'View Audit Log'],
  ['CONNECT', 'Connect'],
  ['SPEAK', 'Speak'],
  ['STREAM', 'Video'],
  ['MUTE_MEMBERS', 'Mute Members'],
  ['MOVE_MEMBERS', 'Move Members'],
];

export function parseBits(s: string | null | undefined): bigint {
  if (!s) return 0n;
  try {
    return BigInt(s);
  } catch {
    return 0n;
  }
}

export function has(perms: bigint, bit: bigint): boolean {
  return (perms & bit) === bit;
}

export interface PermissionInput {
  serverId: string;
  ownerId: string;
  userId: string;
  /** Role ids the member has (with or without @everyone). */
  memberRoles: string[];
  roles: Record<string, Role> | Role[];
}

function roleMap(roles: Record<string, Role> | Role[]): Record<string, Role> {
  if (!Array.isArray(roles)) return roles;
  const m: Record<string, Role> = {};
  for (const r of roles) m[r.role_id] = r;
  return m;
}

/** Server-wide permissions: owner → all; @everyone | member roles; ADMINISTRATOR → all. */
export function basePermissions(input: PermissionInput): bigint {
  if (input.userId === input.ownerId) return ALL;
  const roles = roleMap(input.roles);
  let perms = parseBits(roles[input.serverId]?.permissions);
  for (const id of input.memberRoles) {
    const r = roles[id];
    if (r) perms |= parseBits(r.permissions);
  }
  if (has(perms, P.ADMINISTRATOR)) return ALL;
  return perms;
}

/** Channel permissions: base, then the @everyone overwrite, then role overwrites together, then the member's. */
export function channelPermissions(input: PermissionInput, overwrites: Overwrite[] | undefined): bigint {
  const base = basePermissions(input);
  if (base === ALL) return ALL;
  let perms = base;
  const list = overwrites ?? [];
  const everyone = list.find((o) => o.id === input.serverId);
  if (everyone) {
    perms &= ~parseBits(everyone.deny);
    perms |= parseBits(everyone.allow);
  }
  let allow = 0n;
  let deny = 0n;
  const mine = new Set(input.memberRoles);
  for (const o of list) {
    if (o.type === 'role' && o.id !== input.serverId && mine.has(o.id)) {
      allow |= parseBits(o.allow);
      deny |= parseBits(o.deny);
    }
  }
  perms &= ~deny;
  perms |= allow;
  const member = list.find((o) => o.type === 'member' && o.id === input.userId);
  if (member) {
    perms &= ~parseBits(member.deny);
    perms |= parseBits(member.allow);
  }
  return perms;
}

export function canView(input: PermissionInput, channel: Pick<Channel, 'permission_overwrites'>): boolean {
  return has(channelPermissions(input, channel.permission_overwrites), P.VIEW_CHANNEL);
}
