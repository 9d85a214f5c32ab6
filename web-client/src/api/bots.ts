/** v1 shapes and calls of the bot platform (issue 10; docs/bots.md): applications, bots in servers,
 * webhooks, auto-responses, slash commands and interactions, and the rich parts of a message. */
import { api, enc } from './http';

// ---- rich messages (Discord's shapes) ------------------------------------------------------------

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  type?: string;
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string; icon_url?: string };
  author?: { name: string; url?: string; icon_url?: string };
  image?: { url: string };
  thumbnail?: { url: string };
}

/** A message component as its author gave it: type 1 action row, 2 button, 3.. selects. */
export interface Component {
  type: number;
  style?: number;
  label?: string;
  emoji?: { name?: string } | null;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  components?: Component[];
}
export type ActionRow = Component;

export interface MessageInteraction {
  interaction_id: string;
  name: string;
  user_id: string;
}

// ---- applications --------------------------------------------------------------------------------

export interface Application {
  application_id: string;
  name: string;
  description: string;
  owner_id: string;
  bot: { user_id: string; username: string; avatar_url: string | null; bot: true };
  flags: number;
}

/** Discord's privileged-intent flags on an application. */
export const INTENT_FLAGS: { flag: number; label: string; help: string }[] = [
  { flag: 4096, label: 'Presence intent', help: 'Receive members’ online status (GUILD_PRESENCES).' },
  { flag: 16384, label: 'Server members intent', help: 'Receive member joins, updates and leaves (GUILD_MEMBERS).' },
  { flag: 262144, label: 'Message content intent', help: 'Read the text of messages that do not mention the bot (MESSAGE_CONTENT).' },
];

export const applications = {
  list: () => api<Application[]>('/applications'),
  create: (name: string) => api<Application>('/applications', { method: 'POST', body: { name } }),
  update: (id: string, body: { name?: string; description?: string; flags?: number }) =>
    api<Application>(`/applications/${enc(id)}`, { method: 'PATCH', body }),
  remove: (id: string) => api<void>(`/applications/${enc(id)}`, { method: 'DELETE' }),
  resetToken: (id: string) => api<{ token: string }>(`/applications/${enc(id)}/bot/token`, { method: 'POST' }),
  addToServer: (serverId: string, id: string, permissions: string) =>
    api(`/servers/${enc(serverId)}/bots/${enc(id)}`, { method: 'PUT', body: { permissions } }),
  removeFromServer: (serverId: string, id: string) => api<void>(`/servers/${enc(serverId)}/bots/${enc(id)}`, { method: 'DELETE' }),
};

// ---- webhooks ------------------------------------------------------------------------------------

export interface Webhook {
  webhook_id: string;
  type: number;
  server_id: string;
  channel_id: string;
  name: string;
  avatar_url: string | null;
  creator_id: string;
  /** only in the answer that created it */
  token?: string | null;
  url?: string | null;
}

export const webhooks = {
  ofServer: (serverId: string) => api<Webhook[]>(`/servers/${enc(serverId)}/webhooks`),
  create: (channelId: string, name: string) => api<Webhook>(`/channels/${enc(channelId)}/webhooks`, { method: 'POST', body: { name } }),
  update: (id: string, body: { name?: string; channel_id?: string }) => api<Webhook>(`/webhooks/${enc(id)}`, { method: 'PATCH', body }),
  remove: (id: string) => api<void>(`/webhooks/${enc(id)}`, { method: 'DELETE' }),
};

/** The url a webhook answer gives is path-only when the install has no public url: make it absolute. */
export function absoluteUrl(url: string, origin: string): string {
  return /^https?:\/\//.test(url) ? url : origin + (url.startsWith('/') ? url : `/${url}`);
}

// ---- auto-responses ------------------------------------------------------------------------------

export type TriggerType = 'prefix_command' | 'keyword' | 'regex';

export interface AutoResponse {
  auto_response_id: string;
  server_id: string;
  name: string;
  trigger: { type: TriggerType; value: string; case_sensitive: boolean };
  response: { content: string | null; embed: Embed | null; reaction: string | null; delete_trigger: boolean; reply: boolean };
  channel_ids: string[];
  enabled: boolean;
}

export type AutoResponseBody = Pick<AutoResponse, 'name' | 'trigger' | 'channel_ids' | 'enabled'> & {
  response: { content?: string | null; reaction?: string | null; delete_trigger: boolean; reply: boolean };
};

export const autoResponses = {
  list: (serverId: string) => api<AutoResponse[]>(`/servers/${enc(serverId)}/auto-responses`),
  create: (serverId: string, body: AutoResponseBody) => api<AutoResponse>(`/servers/${enc(serverId)}/auto-responses`, { method: 'POST', body }),
  update: (serverId: string, id: string, body: Partial<AutoResponseBody>) =>
    api<AutoResponse>(`/servers/${enc(serverId)}/auto-responses/${enc(id)}`, { method: 'PATCH', body }),
  remove: (serverId: string, id: string) => api<void>(`/servers/${enc(serverId)}/auto-responses/${enc(id)}`, { method: 'DELETE' }),
};

// ---- slash commands ------------------------------------------------------------------------------

export const OPTION_TYPES = { STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, NUMBER: 10 } as const;

export interface CommandOption {
  type: number;
  name: string;
  description?: string;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
}

export interface SlashCommand {
  command_id: string;
  application_id: string;
  server_id: string | null;
  name: string;
  description: string;
  options?: CommandOption[];
  /** the bot the command belongs to (the composer's list) */
  bot?: { user_id: string; username: string | null } | null;
  application_name?: string;
}

export const commands = {
  usableIn: (serverId: string) => api<SlashCommand[]>(`/servers/${enc(serverId)}/commands`),
  invoke: (channelId: string, applicationId: string, name: string, options: { name: string; value: unknown }[]) =>
    api<void>(`/channels/${enc(channelId)}/interactions`, { method: 'POST', body: { application_id: applicationId, name, options } }),
};
