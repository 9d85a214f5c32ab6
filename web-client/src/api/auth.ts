import { api } from './http';
import { session, type Tokens } from './session';
import type { User } from './types';

export type LoginResult = { kind: 'ok' } | { kind: 'mfa'; ticket: string };

export async function login(login: string, password: string): Promise<LoginResult> {
  const r = await api<Tokens & { mfa_required?: boolean; ticket?: string }>('/auth/login', {
    method: 'POST',
    auth: false,
    body: { login, password },
  });
  if (r.mfa_required && r.ticket) return { kind: 'mfa', ticket: r.ticket };
  session.set(r);
  return { kind: 'ok' };
}

export async function completeMfa(ticket: string, code: string): Promise<void> {
  const r = await api<Tokens>('/auth/mfa/totp', { method: 'POST', auth: false, body: { ticket, code: code.replace(/\s/g, '') } });
  session.set(r);
}

export async function register(username: string, email: string, password: string): Promise<User> {
  return api<User>('/auth/register', { method: 'POST', auth: false, body: { username, email, password } });
}

export async function logout(): Promise<void> {
  const refresh = session.refreshToken;
  try {
    // with the access token too, so that it stops working at once everywhere (ADR 208)
    await api('/auth/logout', { method: 'POST', auth: false, bearer: session.accessToken, body: { refresh_token: refresh } });
  } catch {
    /* the session ends locally either way */
  }
  session.clear();
}
