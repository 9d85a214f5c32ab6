import { type FormEvent, useEffect, useState } from 'react';
import { logout } from '../api/auth';
import { api } from '../api/http';
import { errorText } from '../api/errors';
import type { User } from '../api/types';
import { Dialog } from '../components/Dialog';
import { store, useStore } from '../store/store';
import Applications from './Applications';
import { ImageUpload } from './ImageUpload';
import { Qr } from './Qr';

export default function UserSettings({ onClose }: { onClose: () => void }) {
  const me = useStore((s) => s.me);
  const [tab, setTab] = useState<'account' | 'security' | 'applications'>('account');
  useEffect(() => {
    api<User>('/users/@me')
      .then((user) => store.dispatch({ type: 'ME_UPDATED', user }))
      .catch(() => undefined);
  }, []);
  if (!me) return null;
  return (
    <Dialog label="User settings" onClose={onClose} className="wide">
      <div className="settings">
        <div className="settings-nav">
          <div role="tablist" aria-label="User settings" className="settings-tabs">
          <button type="button" role="tab" aria-selected={tab === 'account'} onClick={() => setTab('account')}>
            My account
          </button>
          <button type="button" role="tab" aria-selected={tab === 'security'} onClick={() => setTab('security')}>
            Two-factor authentication
          </button>
          <button type="button" role="tab" aria-selected={tab === 'applications'} onClick={() => setTab('applications')}>
            Applications
          </button>
          </div>
          <button
            type="button"
            onClick={() => {
              onClose();
              void logout();
            }}
          >
            Log out
          </button>
        </div>
        <div className="settings-page" role="tabpanel">
          {tab === 'account' ? <Account me={me} /> : tab === 'security' ? <Totp me={me} /> : <Applications />}
        </div>
      </div>
    </Dialog>
  );
}

function Account({ me }: { me: User }) {
  const [username, setUsername] = useState(me.username ?? '');
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMsg(null);
    try {
      const user = await api<User>('/users/@me', { method: 'PATCH', body: { username: username.trim() } });
      store.dispatch({ type: 'ME_UPDATED', user });
      setMsg('Saved.');
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="form" onSubmit={save}>
      <h3>My account</h3>
      <ImageUpload
        what="avatar"
        purpose="avatar"
        id={me.user_id}
        name={me.username ?? '?'}
        url={me.avatar_url}
        apply={async (uploadId) => {
          const user = await api<User>('/users/@me', { method: 'PATCH', body: { avatar_upload_id: uploadId } });
          store.dispatch({ type: 'ME_UPDATED', user });
        }}
      />
      <label htmlFor="settings-username">Username</label>
      <input id="settings-username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      {me.email && (
        <p className="muted">
          Email: <span>{me.email}</span>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {msg && <p className="muted">{msg}</p>}
      <div>
        <button type="submit" className="btn" disabled={!username.trim() || username.trim() === me.username}>
          Save
        </button>
      </div>
    </form>
  );
}

function Totp({ me }: { me: User }) {
  const [setup, setSetup] = useState<{ secret: string; otpauth_url: string } | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enabled = !!me.mfa_enabled;

  async function start() {
    setError(null);
    setBusy(true);
    try {
      setSetup(await api('/users/@me/mfa/totp/enable', { method: 'POST', body: {} }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function verify(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await api<{ recovery_codes: string[] }>('/users/@me/mfa/totp/verify', { method: 'POST', body: { code: code.replace(/\s/g, '') } });
      setRecovery(r?.recovery_codes ?? []);
      setSetup(null);
      setCode('');
      store.dispatch({ type: 'ME_UPDATED', user: { ...me, mfa_enabled: true } });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function disable(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api('/users/@me/mfa/totp/disable', { method: 'POST', body: { code: code.replace(/\s/g, '') } });
      setCode('');
      setRecovery(null);
      store.dispatch({ type: 'ME_UPDATED', user: { ...me, mfa_enabled: false } });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form">
      <h3>Two-factor authentication</h3>
      <p className="muted" role="status">
        {enabled ? 'Two-factor authentication is on.' : 'Two-factor authentication is off.'}
      </p>
      {recovery && recovery.length > 0 && (
        <div>
          <p>Save these recovery codes somewhere safe. Each works once if you lose your device.</p>
          <ul className="recovery-list">
            {recovery.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!enabled && !setup && (
        <div>
          <button type="button" className="btn" onClick={start} disabled={busy}>
            Enable two-factor authentication
          </button>
        </div>
      )}
      {setup && (
        <form className="form" onSubmit={verify}>
          <p>Scan this QR code with your authenticator app, or enter the secret by hand.</p>
          <Qr text={setup.otpauth_url} />
          <p>
            Secret:{' '}
            <code className="secret" aria-label="Secret" data-testid="totp-secret">
              {setup.secret}
            </code>
          </p>
          <label htmlFor="totp-verify">Code</label>
          <input id="totp-verify" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          <div>
            <button type="submit" className="btn" disabled={busy}>
              Verify
            </button>
          </div>
        </form>
      )}
      {enabled && (
        <form className="form" onSubmit={disable}>
          <label htmlFor="totp-disable">Code</label>
          <input id="totp-disable" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
          <div>
            <button type="submit" className="btn danger" disabled={busy}>
              Disable two-factor authentication
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
