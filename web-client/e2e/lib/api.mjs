// The v1 REST API from Node, for setting up what a scenario does not exercise through the UI.
import { randomBytes } from 'node:crypto';

export class ApiError extends Error {
  constructor(method, path, status, body, headers) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export async function call(baseUrl, method, path, { token, body, bot } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `${bot ? 'Bot' : 'Bearer'} ${token}`;
  const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  if (!res.ok) throw new ApiError(method, path, res.status, parsed, res.headers);
  return parsed;
}

/** Unique, valid usernames ([A-Za-z0-9_.-]{2,32}) for one run. */
const runTag = Date.now().toString(36).slice(-5) + randomBytes(2).toString('hex');
let counter = 0;
export function uniqueName(prefix) {
  counter++;
  return `${prefix}_${runTag}${counter}`.slice(0, 32);
}

export function newCredentials(prefix) {
  const username = uniqueName(prefix);
  return { username, email: `${username.toLowerCase()}@e2e.example.com`, password: `e2e passphrase ${randomBytes(6).toString('hex')}` };
}

/** A user registered and logged in through the API: `{username, email, password, token, refresh, user}`. */
export async function registerAndLogin(baseUrl, prefix, { authUrl } = {}) {
  const creds = newCredentials(prefix);
  const user = await call(authUrl ?? baseUrl, 'POST', '/api/v1/auth/register', { body: creds });
  const tokens = await call(baseUrl, 'POST', '/api/v1/auth/login', { body: { login: creds.username, password: creds.password } });
  return { ...creds, user, token: tokens.access_token, refresh: tokens.refresh_token };
}

/** A server owned by `owner` with its text channel "general": `{server, general, invite}`. */
export async function serverWithInvite(baseUrl, owner, name) {
  const server = await call(baseUrl, 'POST', '/api/v1/servers', { token: owner.token, body: { server_name: name } });
  const channels = await call(baseUrl, 'GET', `/api/v1/servers/${server.server_id}/channels`, { token: owner.token });
  const general = channels.find((c) => c.channel_name === 'general' && c.channel_type === 'text');
  if (!general) throw new Error(`server ${name} has no text channel "general": ${JSON.stringify(channels)}`);
  const invite = await call(baseUrl, 'POST', `/api/v1/channels/${general.channel_id}/invites`, {
    token: owner.token, body: { max_age: 0, max_uses: 0 },
  });
  return { server, general, invite };
}

export async function join(baseUrl, user, code) {
  return call(baseUrl, 'POST', `/api/v1/invites/${code}`, { token: user.token });
}

export async function send(baseUrl, user, channelId, content) {
  return call(baseUrl, 'POST', `/api/v1/channels/${channelId}/messages`, { token: user.token, body: { content } });
}
