/** The composer's `/` picker: lists the server's slash commands, fills their options, sends the interaction. */
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { OPTION_TYPES, commands as commandsApi, type CommandOption, type SlashCommand } from '../api/bots';
import { ApiError, errorText } from '../api/errors';
import { displayName } from '../app/hooks';
import { onInteractionFailed } from '../app/interactions';
import { buildOptions, matchCommands, moveSelection, slashInvocation, slashQuery, type OptionValues } from '../app/slash';
import { sortedRoles } from '../settings/shared';
import { useStore } from '../store/store';

const cache = new Map<string, { at: number; list: SlashCommand[] }>();

/** Loads the commands the caller can use in a server; refreshed when the picker opens after 15 s. */
function useServerCommands(serverId: string | null, wanted: boolean): SlashCommand[] {
  const [list, setList] = useState<SlashCommand[]>(() => (serverId ? (cache.get(serverId)?.list ?? []) : []));
  useEffect(() => {
    if (!serverId || !wanted) return;
    const hit = cache.get(serverId);
    if (hit) setList(hit.list);
    if (hit && Date.now() - hit.at < 15_000) return;
    let live = true;
    commandsApi
      .usableIn(serverId)
      .then((l) => {
        cache.set(serverId, { at: Date.now(), list: l ?? [] });
        if (live) setList(l ?? []);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [serverId, wanted]);
  return serverId ? list : [];
}

/** Which bot a command belongs to, for the list: the bot's name when the API gives it. */
export function botLabel(c: SlashCommand): string {
  return c.bot?.username ?? c.application_name ?? 'App';
}

export interface CommandPickerApi {
  /** the list or the options form, to render above the composer */
  panel: ReactNode;
  /** true when the picker handled the key */
  onKeyDown: (e: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** true when the text was a command and was sent (or refused with a shown error) */
  send: (text: string) => Promise<boolean>;
}

export function useCommandPicker({
  serverId,
  channelId,
  text,
  setText,
}: {
  serverId: string | null;
  channelId: string;
  text: string;
  setText: (t: string) => void;
}): CommandPickerApi {
  const query = slashQuery(text);
  const startsSlash = text.startsWith('/');
  const all = useServerCommands(serverId, startsSlash);
  const [index, setIndex] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [chosen, setChosen] = useState<SlashCommand | null>(null);
  const [values, setValues] = useState<OptionValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const sending = useRef(false);
  const matches = useMemo(() => (query === null ? [] : matchCommands(all, query)), [all, query]);
  const open = !!serverId && query !== null && !dismissed && matches.length > 0 && !chosen;

  useEffect(() => setIndex(0), [query]);
  useEffect(() => {
    if (!startsSlash) setDismissed(false);
  }, [startsSlash]);
  useEffect(() => {
    // the person edited the command's name away: the form goes
    if (chosen && slashInvocation(text)?.name !== chosen.name.toLowerCase()) {
      setChosen(null);
      setValues({});
      setErrors({});
    }
  }, [text, chosen]);
  useEffect(() => {
    setChosen(null);
    setNotice(null);
  }, [channelId]);
  useEffect(
    () =>
      onInteractionFailed((e) => {
        if (e.channel_id === channelId) setNotice(`/${e.name}: ${e.message || 'The application did not respond'}`);
      }),
    [channelId],
  );

  function choose(c: SlashCommand) {
    setChosen(c);
    setValues({});
    setErrors({});
    setNotice(null);
    setText(`/${c.name} `);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open) {
      if (e.key === 'Escape' && chosen) {
        setText('');
        return true;
      }
      return false;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => moveSelection(i, e.key === 'ArrowDown' ? 1 : -1, matches.length));
      return true;
    }
    if ((e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) || e.key === 'Tab') {
      e.preventDefault();
      choose(matches[Math.min(index, matches.length - 1)]);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      setDismissed(true);
      return true;
    }
    return false;
  }

  async function send(content: string): Promise<boolean> {
    const inv = slashInvocation(content);
    if (!inv || !serverId) return false;
    const command =
      chosen && chosen.name.toLowerCase() === inv.name ? chosen : all.filter((c) => c.name.toLowerCase() === inv.name).length === 1 ? all.find((c) => c.name.toLowerCase() === inv.name)! : null;
    if (!command) return false; // not a command here: an ordinary message that starts with a slash
    const built = buildOptions(command, values, inv.rest);
    if (Object.keys(built.errors).length > 0) {
      setChosen(command);
      setErrors(built.errors);
      return true;
    }
    if (sending.current) return true; // one invocation at a time: a second Enter must not run the command twice
    sending.current = true;
    setNotice(null);
    try {
      await commandsApi.invoke(channelId, command.application_id, command.name, built.options);
      setText('');
      setChosen(null);
      setValues({});
      setErrors({});
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? (e.body as { errors?: Record<string, string> } | null)?.errors : undefined;
      setNotice(fieldErrors ? `/${command.name}: ${Object.entries(fieldErrors).map(([k, v]) => `${k} ${v}`).join('; ')}` : `/${command.name}: ${errorText(e)}`);
    } finally {
      sending.current = false;
    }
    return true;
  }

  let panel: ReactNode = null;
  if (open) {
    panel = (
      <div className="command-picker" role="listbox" aria-label="Commands" id="command-picker">
        {matches.map((c, i) => (
          <div
            key={c.command_id}
            role="option"
            aria-selected={i === index}
            aria-label={`/${c.name}`}
            className={`command-option ${i === index ? 'selected' : ''}`}
            onMouseEnter={() => setIndex(i)}
            onMouseDown={(e) => {
              e.preventDefault(); // keep the focus in the composer
              choose(c);
            }}
          >
            <span className="command-name">/{c.name}</span>
            <span className="command-desc muted">{c.description}</span>
            <span className="command-bot muted small">{botLabel(c)}</span>
          </div>
        ))}
      </div>
    );
  } else if (chosen) {
    panel = (
      <div className="command-form" role="group" aria-label={`Options of /${chosen.name}`}>
        <div className="command-form-head">
          <strong>/{chosen.name}</strong> <span className="muted">{chosen.description}</span>{' '}
          <span className="muted small">{botLabel(chosen)}</span>
        </div>
        {(chosen.options ?? []).map((o) => (
          <OptionField
            key={o.name}
            option={o}
            serverId={serverId}
            value={values[o.name] ?? ''}
            error={errors[o.name]}
            onChange={(v) => setValues((old) => ({ ...old, [o.name]: v }))}
          />
        ))}
        <div className="muted small">Enter to send · Escape to cancel</div>
      </div>
    );
  }
  return {
    panel: (
      <>
        {panel}
        {notice && (
          <div className="command-notice form-error small" role="alert">
            {notice}
          </div>
        )}
      </>
    ),
    onKeyDown,
    send,
  };
}

function OptionField({
  option: o,
  serverId,
  value,
  error,
  onChange,
}: {
  option: CommandOption;
  serverId: string | null;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const id = `cmd-opt-${o.name}`;
  const members = useStore((s) => (serverId ? s.members[serverId] : undefined));
  const channels = useStore((s) => s.channels);
  const roles = useStore((s) => (serverId ? s.roles[serverId] : undefined));
  let input: ReactNode;
  const common = { id, value, 'aria-invalid': !!error, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  const choices: [string, string][] | null = o.choices?.length
    ? o.choices.map((c) => [String(c.value), c.name])
    : o.type === OPTION_TYPES.BOOLEAN
      ? [
          ['true', 'True'],
          ['false', 'False'],
        ]
      : o.type === OPTION_TYPES.USER
        ? Object.values(members ?? {}).map((m) => [m.user_id, displayName(m.user_id, serverId)])
        : o.type === OPTION_TYPES.CHANNEL
          ? Object.values(channels)
              .filter((c) => c.server_id === serverId && c.channel_type !== 'category')
              .map((c) => [c.channel_id, `#${c.channel_name}`])
          : o.type === OPTION_TYPES.ROLE
            ? sortedRoles(roles).map((r) => [r.role_id, r.name])
            : null;
  if (choices) {
    input = (
      <select {...common}>
        <option value="">{o.required ? 'Choose…' : '(none)'}</option>
        {choices.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    );
  } else {
    input = (
      <input
        {...common}
        inputMode={o.type === OPTION_TYPES.INTEGER || o.type === OPTION_TYPES.NUMBER ? 'decimal' : undefined}
        placeholder={o.description}
      />
    );
  }
  return (
    <div className="command-field">
      <label htmlFor={id}>
        {o.name}
        {o.required ? ' *' : ''}
      </label>
      {input}
      {error && (
        <span className="form-error small" role="alert">
          {o.name} {error}
        </span>
      )}
    </div>
  );
}
