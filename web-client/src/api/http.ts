import { ApiError } from './errors';
import { session, type Tokens } from './session';

const BASE = '/api/v1';

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for new tokens once, however many calls ask at the same time. */
export function refreshTokens(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const refresh = session.refreshToken;
      if (!refresh) return false;
      try {
        const res = await fetch(`${BASE}/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: refresh }),
        });
        if (!res.ok) {
          if (res.status === 401 || res.status === 400) session.clear();
          return false;
        }
        session.set((await res.json()) as Tokens);
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  auth?: boolean;
  /** An access token to send even with `auth: false` (no refresh, no retry): logout revokes it. */
  bearer?: string | null;
  signal?: AbortSignal;
}

/** Calls the v1 API; on 401 refreshes once and retries; throws ApiError with a friendly message. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const auth = opts.auth !== false;
  if (auth && !session.accessToken && session.refreshToken) await refreshTokens();
  let res = await send(path, opts, auth);
  if (res.status === 401 && auth && session.refreshToken) {
    // a refused refresh token ends the session inside refreshTokens; a network failure does not
    if (await refreshTokens()) res = await send(path, opts, auth);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) throw new ApiError(res.status, data as Record<string, unknown> | null, res.headers.get('Retry-After'));
  return data as T;
}

async function send(path: string, opts: RequestOptions, auth: boolean): Promise<Response> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && session.accessToken) headers.Authorization = `Bearer ${session.accessToken}`;
  else if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`;
  try {
    return await fetch(BASE + path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
}

/**
 * Runs `call` again when the server refused it for a moment — busy (429 `OVERLOADED`) or an unavailable part
 * (503) — and said when to come back (`Retry-After`, at most `maxWaitSeconds`), or when no answer came at all (a
 * connection reset while a server restarts: after a second), up to `retries` times; any other outcome, and the last
 * failure, is the caller's. Only for calls that are safe to repeat (a send with its nonce). A user's own rate limit
 * (429 `RATE_LIMITED`) is not retried here: the UI shows it.
 */
export async function retryBusy<T>(call: () => Promise<T>, retries = 3, maxWaitSeconds = 10): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError) || attempt >= retries) throw e;
      const busy = e.retryAfter !== undefined && e.retryAfter <= maxWaitSeconds
        && ((e.status === 429 && e.code === 'OVERLOADED') || e.status === 503);
      const wait = busy ? Math.max(0, e.retryAfter!) : e.status === 0 ? 1 : undefined;
      if (wait === undefined) throw e;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}

export const enc = encodeURIComponent;
