import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { logout } from './auth';
import { api, retryBusy } from './http';
import { session } from './session';

type Handler = (url: string, init: RequestInit) => Response;

function mockFetch(handler: Handler) {
  const calls: { url: string; auth: string | undefined }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    calls.push({ url, auth: headers.Authorization });
    return handler(url, init);
  }));
  return calls;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('api()', () => {
  beforeEach(() => {
    localStorage.clear();
    session.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('refreshes once on 401 and retries with the new token', async () => {
    session.set({ access_token: 'old', refresh_token: 'r1' });
    const calls = mockFetch((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { access_token: 'new', refresh_token: 'r2' });
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === 'Bearer new' ? json(200, { ok: true }) : json(401, { code: 'INVALID_TOKEN' });
    });
    await expect(api('/users/@me')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/users/@me', '/api/v1/auth/refresh', '/api/v1/users/@me']);
    expect(session.refreshToken).toBe('r2');
  });

  it('ends the session when the refresh token is refused', async () => {
    session.set({ access_token: 'old', refresh_token: 'revoked' });
    const ended = vi.fn();
    const off = session.subscribe(ended);
    mockFetch((url) => (url.endsWith('/auth/refresh') ? json(401, { code: 'INVALID_TOKEN' }) : json(401, { code: 'INVALID_TOKEN' })));
    await expect(api('/users/@me')).rejects.toBeInstanceOf(ApiError);
    expect(session.hasSession()).toBe(false);
    expect(ended).toHaveBeenCalledWith(false);
    off();
  });

  it('shares one refresh between concurrent calls after a reload', async () => {
    localStorage.setItem('guildhall.refresh_token', 'r1');
    const calls = mockFetch((url) => (url.endsWith('/auth/refresh') ? json(200, { access_token: 'a', refresh_token: 'r2' }) : json(200, [])));
    await Promise.all([api('/a'), api('/b'), api('/c')]);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls.filter((c) => !c.url.endsWith('/auth/refresh')).every((c) => c.auth === 'Bearer a')).toBe(true);
  });

  it('turns problem+json into a friendly ApiError with retry_after', async () => {
    session.set({ access_token: 't', refresh_token: 'r' });
    mockFetch(() => json(429, { code: 'RATE_LIMITED', retry_after: 4, global: false }));
    const e = (await api('/channels/1/messages', { method: 'POST', body: { content: 'x' } }).catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBe(4);
    expect(e.message).toBe('Slow down — you can try again in 4 s.');
  });

  it('logs out with the refresh token and the access token, which the server then revokes', async () => {
    session.set({ access_token: 'a1', refresh_token: 'r1' });
    const bodies: string[] = [];
    const calls = mockFetch((_url, init) => {
      bodies.push(String(init.body));
      return new Response(null, { status: 204 });
    });
    await logout();
    expect(calls).toEqual([{ url: '/api/v1/auth/logout', auth: 'Bearer a1' }]);
    expect(JSON.parse(bodies[0])).toEqual({ refresh_token: 'r1' });
    expect(session.hasSession()).toBe(false);
  });
});

describe('retryBusy()', () => {
  beforeEach(() => {
    localStorage.clear();
    session.clear();
    session.set({ access_token: 'a', refresh_token: 'r' });
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const busy = () => json(429, { code: 'OVERLOADED', retry_after: 1, global: false });

  it('sends again after the Retry-After of a busy refusal, and the send goes through', async () => {
    let n = 0;
    const calls = mockFetch(() => (++n <= 2 ? busy() : json(200, { message_id: '7' })));
    const sent = retryBusy(() => api('/channels/1/messages', { method: 'POST', body: { content: 'hi', nonce: '42' } }));
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_001);
    await expect(sent).resolves.toEqual({ message_id: '7' });
    expect(calls).toHaveLength(3);
  });

  it('retries a 503 that says when to come back', async () => {
    let n = 0;
    mockFetch(() => (++n === 1 ? new Response(JSON.stringify({ code: 'SERVICE_UNAVAILABLE' }), { status: 503, headers: { 'Retry-After': '2' } }) : json(200, { ok: true })));
    const sent = retryBusy(() => api('/x', { method: 'POST', body: {} }));
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(sent).resolves.toEqual({ ok: true });
  });

  it('sends again a second after a send that got no answer', async () => {
    let n = 0;
    vi.stubGlobal('fetch', vi.fn(async () => {
      if (++n === 1) throw new TypeError('Failed to fetch');
      return json(200, { ok: true });
    }));
    const sent = retryBusy(() => api('/x', { method: 'POST', body: {} }));
    await vi.advanceTimersByTimeAsync(999);
    expect(n).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(sent).resolves.toEqual({ ok: true });
  });

  it('gives up after three retries with the last refusal', async () => {
    const calls = mockFetch(() => busy());
    const sent = retryBusy(() => api('/x', { method: 'POST', body: {} }));
    const failed = expect(sent).rejects.toMatchObject({ status: 429, code: 'OVERLOADED' });
    await vi.advanceTimersByTimeAsync(10_000);
    await failed;
    expect(calls).toHaveLength(4);
  });

  it("leaves a user's own rate limit, other errors and long waits to the caller", async () => {
    for (const response of [
      () => json(429, { code: 'RATE_LIMITED', retry_after: 1 }),
      () => json(400, { code: 'VALIDATION_FAILED' }),
      () => json(429, { code: 'OVERLOADED', retry_after: 60 }),
      () => new Response('', { status: 503 }),
    ]) {
      const calls = mockFetch(response);
      await expect(retryBusy(() => api('/x', { method: 'POST', body: {} }))).rejects.toBeInstanceOf(ApiError);
      expect(calls).toHaveLength(1);
    }
  });
});
