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

export const enc = encodeURIComponent;
