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

/**
 * A freshly started fleet on a busy machine answers its first requests slowly (cold JIT, first
 * password hash, first shard query) and the gateway's time limiter turns that into 503s. Before
 * the browser scenarios, walk each service once through the gateway, retrying 5xx answers.
 */
export async function warmUp(baseUrl, { timeoutMs = 120_000, log = () => {} } = {}) {
  const deadline = Date.now() + timeoutMs;
  const retry = async (what, fn) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const transient = !(e instanceof ApiError) || e.status >= 500 || e.status === 429;
        if (!transient || Date.now() > deadline) throw new Error(`warm-up: ${what} failed: ${e.message}`);
        log(`warm-up: ${what} answered ${e.status ?? e.message}, retrying (${attempt})`);
        await new Promise((r) => setTimeout(r, e.status === 429 ? 5000 : 1000));
      }
    }
  };
  const started = Date.now();
  const user = await retry('register + login', () => registerAndLogin(baseUrl, 'warmup'));
  const { general, invite } = await retry('server + invite', () => serverWithInvite(baseUrl, user, 'warm-up'));
  await retry('invite lookup', () => call(baseUrl, 'GET', `/api/v1/invites/${invite.code}`, { token: user.token }));
  await retry('send', () => send(baseUrl, user, general.channel_id, 'warming up'));
  await retry('history', () => call(baseUrl, 'GET', `/api/v1/channels/${general.channel_id}/messages?limit=50`, { token: user.token }));
  await retry('me', () => call(baseUrl, 'GET', '/api/v1/users/@me/servers', { token: user.token }));
  return Date.now() - started;
}
