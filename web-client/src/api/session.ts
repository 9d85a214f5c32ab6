/**
 * Tokens: the access token lives in memory only, the refresh token in localStorage so a reload
 * keeps the session. Listeners hear when the session starts or ends.
 */
const REFRESH_KEY = 'guildhall.refresh_token';

export interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type?: string;
  expires_in?: number;
}

type Listener = (loggedIn: boolean) => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

export const session = {
  get accessToken() {
    return accessToken;
  },
  get refreshToken(): string | null {
    try {
      return localStorage.getItem(REFRESH_KEY);
    } catch {
      return null;
    }
  },
  hasSession() {
    return accessToken !== null || this.refreshToken !== null;
  },
  set(tokens: Tokens) {
    const was = this.hasSession();
    accessToken = tokens.access_token;
    try {
      localStorage.setItem(REFRESH_KEY, tokens.refresh_token);
    } catch {
      /* storage unavailable: session lasts until reload */
    }
    if (!was) listeners.forEach((l) => l(true));
  },
  clear() {
    const was = this.hasSession();
    accessToken = null;
    try {
      localStorage.removeItem(REFRESH_KEY);
    } catch {
      /* ignore */
    }
    if (was) listeners.forEach((l) => l(false));
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
