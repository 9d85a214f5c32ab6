/** Server settings → Integrations: the server's bots, webhooks and auto-responses (issue 10). */
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import {
  absoluteUrl,
  applications,
  autoResponses,
  webhooks as webhooksApi,
  type Application,
  type AutoResponse,
  type AutoResponseBody,
  type TriggerType,
  type Webhook,
} from '../api/bots';
import { ApiError, errorText } from '../api/errors';
import { loadMembers } from '../app/client';
import { usePermissions, useVisibleChannels } from '../app/hooks';
import { ConfirmDialog } from '../components/Dialog';
import { P, has } from '../store/permissions';
import { useStore } from '../store/store';
import { CopyField } from './Applications';
import { Err } from './shared';

export default function Integrations({ serverId }: { serverId: string }) {
  const perms = usePermissions(serverId);
  return (
    <div className="integrations">
      {has(perms, P.MANAGE_SERVER) && <Bots serverId={serverId} />}
      {has(perms, P.MANAGE_WEBHOOKS) && <Webhooks serverId={serverId} />}
      {has(perms, P.MANAGE_SERVER) && <AutoResponses serverId={serverId} />}
    </div>
  );
}

/** `errors` of a 400 VALIDATION_FAILED, keyed by the API's field path. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (e instanceof ApiError && e.body && typeof e.body === 'object') {
    const errors = (e.body as { errors?: unknown }).errors;
    if (errors && typeof errors === 'object') return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)]));
  }
  return {};
}

// ---- bots -------------------------------------------------------------------------------------------

function Bots({ serverId }: { serverId: string }) {
  const members = useStore((s) => s.members[serverId]);
  const roles = useStore((s) => s.roles[serverId]);
  const [mine, setMine] = useState<Application[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ userId: string; name: string; app: Application } | null>(null);
  useEffect(() => {
    loadMembers(serverId).catch((e) => setError(errorText(e)));
    applications
      .list()
      .then(setMine)
      .catch(() => undefined);
  }, [serverId]);
  // a bot is the member holding a managed role (ADR 153)
  const bots = useMemo(() => {
    const managed = new Set(Object.values(roles ?? {}).filter((r) => r.managed).map((r) => r.role_id));
    return Object.values(members ?? {}).filter((m) => m.user.bot || m.roles.some((r) => managed.has(r)));
  }, [members, roles]);
  return (
    <section className="form" aria-label="Bots">
      <h3>Bots</h3>
      <Err e={error} />
      {bots.length === 0 && <p className="muted">No bots in this server. Add one from User settings → Applications.</p>}
      <table className="table" aria-label="Bots in this server">
        <tbody>
          {bots.map((m) => {
            const name = m.nick ?? m.user.username ?? m.user_id;
            const app = mine.find((a) => a.bot.user_id === m.user_id);
            return (
              <tr key={m.user_id} aria-label={name}>
                <td>
                  <strong>{name}</strong> <span className="bot-tag">BOT</span>
                </td>
                <td>
                  {app ? (
                    <button type="button" className="btn danger small" onClick={() => setConfirm({ userId: m.user_id, name, app })}>
                      Remove
                    </button>
                  ) : (
                    <span className="muted small">Only its owner can remove it here (or kick it from Members).</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {confirm && (
        <ConfirmDialog
          label="Remove bot"
          text={<p>Remove {confirm.name} from this server? Its role goes with it.</p>}
          confirm="Remove bot"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await applications.removeFromServer(serverId, confirm.app.application_id);
              await loadMembers(serverId);
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
    </section>
  );
}

// ---- webhooks ---------------------------------------------------------------------------------------

function Webhooks({ serverId }: { serverId: string }) {
  const channels = useVisibleChannels(serverId).filter((c) => c.channel_type === 'text');
  const [list, setList] = useState<Webhook[] | null>(null);
  const [channelId, setChannelId] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Webhook | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    webhooksApi
      .ofServer(serverId)
      .then(setList)
      .catch((e) => setError(errorText(e)));
  }, [serverId]);
  const channelName = (id: string) => channels.find((c) => c.channel_id === id)?.channel_name ?? 'unknown channel';

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const hook = await webhooksApi.create(channelId || channels[0]?.channel_id, name.trim());
      setCreated(hook);
      setList((old) => [...(old ?? []), hook]);
      setName('');
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <section className="form" aria-label="Webhooks">
      <h3>Webhooks</h3>
      <p className="muted small">A webhook posts into one channel from anything that can make an HTTP request — no account needed.</p>
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="webhook-channel">Channel</label>
        <select id="webhook-channel" value={channelId || channels[0]?.channel_id || ''} onChange={(e) => setChannelId(e.target.value)}>
          {channels.map((c) => (
            <option key={c.channel_id} value={c.channel_id}>
              #{c.channel_name}
            </option>
          ))}
        </select>
        <label htmlFor="webhook-name">Webhook name</label>
        <input id="webhook-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        <button type="submit" className="btn" disabled={!name.trim() || channels.length === 0}>
          Create webhook
        </button>
      </form>
      {created?.url && (
        <div className="token-once" role="status">
          <p className="warning">Copy the URL of “{created.name}” now: it holds the webhook’s secret and is not shown again.</p>
          <CopyField label="Webhook URL" value={absoluteUrl(created.url, location.origin)} id={`hook-url-${created.webhook_id}`} />
        </div>
      )}
      <Err e={error} />
      <ul className="plain-list">
        {(list ?? []).map((w) => (
          <WebhookRow
            key={w.webhook_id}
            hook={w}
            channelName={channelName(w.channel_id)}
            onChange={(h) => setList((old) => (old ?? []).map((x) => (x.webhook_id === h.webhook_id ? h : x)))}
            onDeleted={() => {
              setList((old) => (old ?? []).filter((x) => x.webhook_id !== w.webhook_id));
              if (created?.webhook_id === w.webhook_id) setCreated(null);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function WebhookRow({ hook, channelName, onChange, onDeleted }: { hook: Webhook; channelName: string; onChange: (h: Webhook) => void; onDeleted: () => void }) {
  const [name, setName] = useState(hook.name);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function rename(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      onChange(await webhooksApi.update(hook.webhook_id, { name: name.trim() }));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <li className="webhook-row" aria-label={`Webhook ${hook.name}`}>
      <form className="inline-form" onSubmit={rename}>
        <input aria-label={`Name of webhook ${hook.name}`} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        <span className="muted small">#{channelName}</span>
        <button type="submit" className="btn secondary" disabled={!name.trim() || name.trim() === hook.name}>
          Rename
        </button>
        <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
          Delete
        </button>
      </form>
      <Err e={error} />
      {confirm && (
        <ConfirmDialog
          label="Delete webhook"
          text={<p>Delete the webhook {hook.name}? Anything still posting to its URL gets an error.</p>}
          confirm="Delete webhook"
          onClose={() => setConfirm(false)}
          onConfirm={async () => {
            try {
              await webhooksApi.remove(hook.webhook_id);
              onDeleted();
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
    </li>
  );
}

// ---- auto-responses ---------------------------------------------------------------------------------

const TRIGGERS: [TriggerType, string, string][] = [
  ['prefix_command', 'Prefix command', 'The message starts with it, e.g. !rules'],
  ['keyword', 'Keyword', 'The text appears anywhere in the message'],
  ['regex', 'Regex', 'An RE2 pattern finds a match'],
];

function AutoResponses({ serverId }: { serverId: string }) {
  const [list, setList] = useState<AutoResponse[] | null>(null);
  const [editing, setEditing] = useState<AutoResponse | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<AutoResponse | null>(null);
  useEffect(() => {
    autoResponses
      .list(serverId)
      .then(setList)
      .catch((e) => setError(errorText(e)));
  }, [serverId]);
  const upsert = (r: AutoResponse) =>
    setList((old) => (old?.some((x) => x.auto_response_id === r.auto_response_id) ? old.map((x) => (x.auto_response_id === r.auto_response_id ? r : x)) : [...(old ?? []), r]));

  async function setEnabled(r: AutoResponse, enabled: boolean) {
    setError(null);
    try {
      upsert(await autoResponses.update(serverId, r.auto_response_id, { enabled }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="form" aria-label="Auto-responses">
      <h3>Auto-responses</h3>
      <p className="muted small">
        Answer commands like <code>!rules</code>, react to keywords or remove messages that match a pattern. In the text,{' '}
        <code>{'{user}'}</code>, <code>{'{server}'}</code>, <code>{'{channel}'}</code> and <code>{'{args}'}</code> are replaced.
      </p>
      <Err e={error} />
      <table className="table" aria-label="Auto-responses">
        <tbody>
          {(list ?? []).map((r) => (
            <tr key={r.auto_response_id} aria-label={r.name}>
              <td>
                <strong>{r.name}</strong>
                <div className="muted small">
                  {TRIGGERS.find((t) => t[0] === r.trigger.type)?.[1]}: <code>{r.trigger.value}</code>
                </div>
              </td>
              <td>
                <label className="toggle-inline">
                  <input type="checkbox" checked={r.enabled} onChange={(e) => setEnabled(r, e.target.checked)} /> Enabled
                </label>
              </td>
              <td>
                <button type="button" className="btn secondary" onClick={() => setEditing(r)}>
                  Edit
                </button>{' '}
                <button type="button" className="btn danger" onClick={() => setConfirm(r)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <AutoResponseEditor
          key={editing === 'new' ? 'new' : editing.auto_response_id}
          serverId={serverId}
          rule={editing === 'new' ? null : editing}
          onSaved={(r) => {
            upsert(r);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div>
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            New auto-response
          </button>
        </div>
      )}
      {confirm && (
        <ConfirmDialog
          label="Delete auto-response"
          text={<p>Delete the auto-response {confirm.name}?</p>}
          confirm="Delete auto-response"
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              await autoResponses.remove(serverId, confirm.auto_response_id);
              setList((old) => (old ?? []).filter((x) => x.auto_response_id !== confirm.auto_response_id));
            } catch (e) {
              setError(errorText(e));
            }
          }}
        />
      )}
    </section>
  );
}

/** The request body from the editor's fields; empty text parts are left out. */
export function autoResponseBody(f: {
  name: string;
  type: TriggerType;
  value: string;
  caseSensitive: boolean;
  content: string;
  reaction: string;
  reply: boolean;
  deleteTrigger: boolean;
  enabled: boolean;
  channelIds: string[];
}): AutoResponseBody {
  return {
    name: f.name.trim(),
    trigger: { type: f.type, value: f.value, case_sensitive: f.caseSensitive },
    response: {
      content: f.content.trim() ? f.content : null,
      reaction: f.reaction.trim() ? f.reaction.trim() : null,
      reply: f.reply,
      delete_trigger: f.deleteTrigger,
    },
    channel_ids: f.channelIds,
    enabled: f.enabled,
  };
}

function AutoResponseEditor({ serverId, rule, onSaved, onCancel }: { serverId: string; rule: AutoResponse | null; onSaved: (r: AutoResponse) => void; onCancel: () => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [type, setType] = useState<TriggerType>(rule?.trigger.type ?? 'prefix_command');
  const [value, setValue] = useState(rule?.trigger.value ?? '');
  const [caseSensitive, setCaseSensitive] = useState(rule?.trigger.case_sensitive ?? false);
  const [content, setContent] = useState(rule?.response.content ?? '');
  const [reaction, setReaction] = useState(rule?.response.reaction ?? '');
  const [reply, setReply] = useState(rule?.response.reply ?? false);
  const [deleteTrigger, setDeleteTrigger] = useState(rule?.response.delete_trigger ?? false);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    setBusy(true);
    const body = autoResponseBody({ name, type, value, caseSensitive, content, reaction, reply, deleteTrigger, enabled, channelIds: rule?.channel_ids ?? [] });
    try {
      onSaved(rule ? await autoResponses.update(serverId, rule.auto_response_id, body) : await autoResponses.create(serverId, body));
    } catch (err) {
      const fields = fieldErrors(err);
      const known = ['name', 'trigger.type', 'trigger.value', 'response.content', 'response.reaction', 'response', 'response.reply'];
      setErrors(fields);
      const rest = Object.entries(fields).filter(([k]) => !known.includes(k));
      if (Object.keys(fields).length === 0) setError(errorText(err));
      else if (rest.length) setError(rest.map(([k, v]) => `${k} ${v}`).join('; '));
    } finally {
      setBusy(false);
    }
  }
  const fieldError = (...keys: string[]): ReactNode => {
    const k = keys.find((x) => errors[x]);
    return k ? (
      <span className="form-error small field-error" role="alert">
        {errors[k]}
      </span>
    ) : null;
  };

  return (
    <form className="form auto-response-editor" onSubmit={save} aria-label={rule ? `Edit auto-response ${rule.name}` : 'New auto-response'}>
      <h4>{rule ? `Edit ${rule.name}` : 'New auto-response'}</h4>
      <label htmlFor="ar-name">Name</label>
      <input id="ar-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={!!errors.name} />
      {fieldError('name')}
      <label htmlFor="ar-type">Trigger type</label>
      <select id="ar-type" value={type} onChange={(e) => setType(e.target.value as TriggerType)}>
        {TRIGGERS.map(([t, label]) => (
          <option key={t} value={t}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="ar-value">Trigger</label>
      <input
        id="ar-value"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={TRIGGERS.find((t) => t[0] === type)?.[2]}
        aria-invalid={!!errors['trigger.value']}
      />
      {fieldError('trigger.value', 'trigger.type', 'trigger')}
      <label className="toggle-row">
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} /> Case sensitive
      </label>
      <label htmlFor="ar-content">Response text</label>
      <textarea id="ar-content" value={content} onChange={(e) => setContent(e.target.value)} rows={3} aria-invalid={!!errors['response.content']} />
      {fieldError('response.content', 'response')}
      <label htmlFor="ar-reaction">Reaction</label>
      <input id="ar-reaction" value={reaction} onChange={(e) => setReaction(e.target.value)} placeholder="an emoji, e.g. 👍" aria-invalid={!!errors['response.reaction']} />
      {fieldError('response.reaction')}
      <label className="toggle-row">
        <input type="checkbox" checked={reply} onChange={(e) => setReply(e.target.checked)} /> Reply to the message
      </label>
      {fieldError('response.reply')}
      <label className="toggle-row">
        <input type="checkbox" checked={deleteTrigger} onChange={(e) => setDeleteTrigger(e.target.checked)} /> Delete the triggering message
      </label>
      <label className="toggle-row">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      <Err e={error} />
      <div className="row-actions">
        <button type="submit" className="btn" disabled={busy}>
          {rule ? 'Save auto-response' : 'Create auto-response'}
        </button>{' '}
        <button type="button" className="btn secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
