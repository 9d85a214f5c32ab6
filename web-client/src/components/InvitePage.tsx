import { useEffect, useState } from 'react';
import { api, enc } from '../api/http';
import { ApiError, errorText } from '../api/errors';
import type { Channel, Invite, Role, Server } from '../api/types';
import { store } from '../store/store';
import { navigate } from '../util/router';

export function InvitePage({ code, loggedIn }: { code: string; loggedIn: boolean }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Invite>(`/invites/${enc(code)}`, { auth: loggedIn })
      .then(setInvite)
      .catch((e) => {
        if (!loggedIn && e instanceof ApiError && e.status === 401) {
          navigate(`/login?next=${encodeURIComponent(`/invite/${code}`)}`, true);
          return;
        }
        setError(errorText(e));
      });
  }, [code, loggedIn]);

  async function join() {
    if (!loggedIn) {
      navigate(`/login?next=${encodeURIComponent(`/invite/${code}`)}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ server_id?: string; channel_id?: string }>(`/invites/${enc(code)}`, { method: 'POST', body: {} });
      const serverId = r?.server_id ?? invite?.server_id;
      if (serverId) {
        // show the server at once; SERVER_CREATE from the gateway follows
        const [channels, roles] = await Promise.all([
          api<Channel[]>(`/servers/${serverId}/channels`).catch(() => undefined),
          api<Role[]>(`/servers/${serverId}/roles`).catch(() => undefined),
        ]);
        if (r?.server_id && !store.getState().servers[serverId]) {
          store.dispatch({ type: 'SERVER_UPSERT', server: { ...(r as Server), channels, roles } });
        }
      }
      const channelId = invite?.channel_id;
      navigate(serverId ? `/channels/${serverId}${channelId ? `/${channelId}` : ''}` : '/channels/@me');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const name = invite?.server?.server_name;
  return (
    <main className="auth">
      <section className="auth-card invite-card">
        {invite ? (
          <>
            <p className="muted">You have been invited to join</p>
            <div className="server-icon big" aria-hidden="true">
              {(name ?? '?').charAt(0).toUpperCase()}
            </div>
            <h1>{name ?? 'a server'}</h1>
            {invite.channel && <p className="muted">#{invite.channel.channel_name}</p>}
            {typeof invite.approximate_member_count === 'number' && (
              <p className="muted">
                {invite.approximate_member_count} member{invite.approximate_member_count === 1 ? '' : 's'}
              </p>
            )}
          </>
        ) : (
          !error && <p className="muted">Loading invite…</p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {invite && (
          <button className="btn wide" type="button" onClick={join} disabled={busy}>
            Join server
          </button>
        )}
        {!loggedIn && invite && (
          <p className="muted">
            New here?{' '}
            <a
              href="/register"
              onClick={(e) => {
                e.preventDefault();
                navigate(`/register?next=${encodeURIComponent(`/invite/${code}`)}`);
              }}
            >
              Register
            </a>
          </p>
        )}
      </section>
    </main>
  );
}
