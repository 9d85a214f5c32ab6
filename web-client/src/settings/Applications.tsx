/** User settings → Applications: your bots (issue 10; docs/bots.md sections 1–3). */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { INTENT_FLAGS, applications, type Application } from '../api/bots';
import { errorText } from '../api/errors';
import { usePermissions } from '../app/hooks';
import { ConfirmDialog } from '../components/Dialog';
import { ALL, P, PERMISSION_LABELS, has } from '../store/permissions';
import { useStore } from '../store/store';
import { Err } from './shared';

/** A read-only value with a Copy button (tokens, webhook urls). */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const el = document.getElementById(id) as HTMLInputElement | null;
      el?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
  }
  return (
    <div className="copy-field">
      <input id={id} aria-label={label} value={value} readOnly onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="btn" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

export default function Applications() {
  const [apps, setApps] = useState<Application[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    applications
      .list()
      .then(setApps)
      .catch((e) => setError(errorText(e)));
  }, []);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const app = await applications.create(name.trim());
      setApps((old) => [...(old ?? []), app]);
      setName('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="form applications">
      <h3>Applications</h3>
      <p className="muted">
        An application is a bot: it gets its own account and a token it signs in with. Bots written for Discord (discord.js, JDA,
        discord.py) run here with only their base URL changed — see docs/bots.md.
      </p>
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="new-app-name">Application name</label>
        <input id="new-app-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
        <button type="submit" className="btn" disabled={busy || !name.trim()}>
          Create application
        </button>
      </form>
      <Err e={error} />
      {apps?.length === 0 && <p className="muted">You have no applications yet.</p>}
      {apps?.map((app) => (
        <ApplicationCard
          key={app.application_id}
          app={app}
          onChange={(a) => setApps((old) => (old ?? []).map((x) => (x.application_id === a.application_id ? a : x)))}
          onDeleted={() => setApps((old) => (old ?? []).filter((x) => x.application_id !== app.application_id))}
        />
      ))}
    </div>
  );
}

function ApplicationCard({ app, onChange, onDeleted }: { app: Application; onChange: (a: Application) => void; onDeleted: () => void }) {
  const [token, setToken] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<null | 'reset' | 'delete'>(null);
  const [error, setError] = useState<string | null>(null);

  async function setFlag(flag: number, on: boolean) {
    setError(null);
    try {
      onChange(await applications.update(app.application_id, { flags: on ? app.flags | flag : app.flags & ~flag }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="app-card" aria-label={app.name}>
      <h4>{app.name}</h4>
      <dl className="app-facts">
        <dt>Bot user</dt>
        <dd>
          {app.bot.username} <span className="bot-tag">BOT</span>
        </dd>
        <dt>Application ID</dt>
        <dd>
          <code>{app.application_id}</code>
        </dd>
        <dt>Bot user ID</dt>
        <dd>
          <code>{app.bot.user_id}</code>
        </dd>
      </dl>

      <h5>Token</h5>
      {token ? (
        <div className="token-once" role="status">
          <p className="warning">Copy the token now: you will not see it again. Anyone who has it can act as your bot.</p>
          <CopyField label="Bot token" value={token} id={`token-${app.application_id}`} />
        </div>
      ) : (
        <p className="muted small">Guildhall keeps only a hash of the token. Resetting makes a new one and stops the old one at once.</p>
      )}
      <div>
        <button type="button" className="btn secondary" onClick={() => setConfirm('reset')}>
          Reset token
        </button>
      </div>

      <h5>Privileged intents</h5>
      {INTENT_FLAGS.map((f) => (
        <label key={f.flag} className="toggle-row">
          <input type="checkbox" checked={(app.flags & f.flag) === f.flag} onChange={(e) => setFlag(f.flag, e.target.checked)} />
          <span>
            {f.label} <span className="muted small">— {f.help}</span>
          </span>
        </label>
      ))}

      <AddToServer app={app} />
      <Err e={error} />
      <div>
        <button type="button" className="btn danger" onClick={() => setConfirm('delete')}>
          Delete application
        </button>
      </div>
      {confirm === 'reset' && (
        <ConfirmDialog
          label="Reset token"
          text={<p>Make a new token for {app.name}? The current token stops working within seconds, and bots using it disconnect.</p>}
          confirm="Reset token"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              setToken((await applications.resetToken(app.application_id)).token);
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          label="Delete application"
          text={<p>Delete {app.name} and its bot? It leaves every server it was in. This cannot be undone.</p>}
          confirm="Delete application"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await applications.remove(app.application_id);
              onDeleted();
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
    </section>
  );
}

/** Permissions a new bot usually needs; only those the person holds are pre-ticked. */
const DEFAULT_BOT_PERMISSIONS = [P.VIEW_CHANNEL, P.SEND_MESSAGES, P.READ_MESSAGE_HISTORY, P.EMBED_LINKS, P.ADD_REACTIONS];

/** The permission toggles a person may grant: exactly those they hold (the API refuses more). */
export function grantable(mine: bigint): typeof PERMISSION_LABELS {
  return PERMISSION_LABELS.filter(([key]) => has(mine, P[key]));
}

function AddToServer({ app }: { app: Application }) {
  const servers = useStore((s) => s.servers);
  const [serverId, setServerId] = useState('');
  const mine = usePermissions(serverId || null);
  const choices = useMemo(() => (serverId ? grantable(mine) : []), [serverId, mine]);
  const [bits, setBits] = useState<bigint>(0n);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setBits(DEFAULT_BOT_PERMISSIONS.reduce((a, b) => (has(mine, b) ? a | b : a), 0n));
  }, [serverId, mine]);
  const list = Object.values(servers).filter((s) => !s.unavailable);
  const canManage = !!serverId && has(mine, P.MANAGE_SERVER);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMsg(null);
    setBusy(true);
    try {
      await applications.addToServer(serverId, app.application_id, (bits & (mine === ALL ? ALL : mine)).toString());
      setMsg(`${app.name} was added to ${servers[serverId]?.server_name ?? 'the server'}.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form add-to-server" onSubmit={add} aria-label={`Add ${app.name} to a server`}>
      <h5>Add to a server</h5>
      <label htmlFor={`add-server-${app.application_id}`}>Server</label>
      <select id={`add-server-${app.application_id}`} value={serverId} onChange={(e) => setServerId(e.target.value)}>
        <option value="">Choose a server…</option>
        {list.map((s) => (
          <option key={s.server_id} value={s.server_id}>
            {s.server_name}
          </option>
        ))}
      </select>
      {serverId && !canManage && <p className="form-error small">You need Manage Server there to add a bot.</p>}
      {canManage && (
        <fieldset className="permission-picker">
          <legend>What the bot may do (only what you may do yourself)</legend>
          {choices.map(([key, label]) => (
            <label key={key} className="toggle-row">
              <input type="checkbox" checked={has(bits, P[key])} onChange={(e) => setBits((b) => (e.target.checked ? b | P[key] : b & ~P[key]))} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Err e={error} />
      {msg && (
        <p className="muted" role="status">
          {msg}
        </p>
      )}
      <div>
        <button type="submit" className="btn" disabled={!canManage || busy}>
          Add to server
        </button>
      </div>
    </form>
  );
}
