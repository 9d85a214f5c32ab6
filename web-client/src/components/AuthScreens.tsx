import { type FormEvent, useState } from 'react';
import { completeMfa, login, register } from '../api/auth';
import { errorText } from '../api/errors';
import { navigate } from '../util/router';

function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/channels/@me';
}

function withNext(path: string): string {
  const next = new URLSearchParams(location.search).get('next');
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function LoginScreen() {
  const [loginName, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [ticket, setTicket] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (ticket) {
        await completeMfa(ticket, code);
        navigate(nextPath(), true);
      } else {
        const r = await login(loginName.trim(), password);
        if (r.kind === 'mfa') setTicket(r.ticket);
        else navigate(nextPath(), true);
      }
    } catch (err) {
      setError(errorText(err));
      if (ticket && /log in again/.test(errorText(err))) setTicket(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} aria-label={ticket ? 'Two-factor authentication' : 'Log in'}>
        <h1>{ticket ? 'Two-factor authentication' : 'Welcome back'}</h1>
        {ticket ? (
          <>
            <p className="muted">Enter the 6-digit code from your authenticator app.</p>
            <label htmlFor="totp-code">Code</label>
            <input
              id="totp-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoFocus
              required
            />
          </>
        ) : (
          <>
            <label htmlFor="login-name">Email or username</label>
            <input id="login-name" autoComplete="username" value={loginName} onChange={(e) => setLogin(e.target.value)} autoFocus required />
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn wide" type="submit" disabled={busy}>
          Log in
        </button>
        {!ticket && (
          <p className="muted">
            Need an account?{' '}
            <a
              href={withNext('/register')}
              onClick={(e) => {
                e.preventDefault();
                navigate(withNext('/register'));
              }}
            >
              Register
            </a>
          </p>
        )}
      </form>
    </main>
  );
}

export function RegisterScreen() {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register(username.trim(), email.trim(), password);
      const r = await login(username.trim(), password);
      if (r.kind === 'ok') navigate(nextPath(), true);
      else navigate(withNext('/login'), true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} aria-label="Create an account">
        <h1>Create an account</h1>
        <label htmlFor="reg-email">Email</label>
        <input id="reg-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus required />
        <label htmlFor="reg-username">Username</label>
        <input id="reg-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="reg-password">Password</label>
        <input
          id="reg-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn wide" type="submit" disabled={busy}>
          Create account
        </button>
        <p className="muted">
          Already have an account?{' '}
          <a
            href={withNext('/login')}
            onClick={(e) => {
              e.preventDefault();
              navigate(withNext('/login'));
            }}
          >
            Log in
          </a>
        </p>
      </form>
    </main>
  );
}
