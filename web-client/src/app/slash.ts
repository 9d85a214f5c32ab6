/** The `/` command picker's logic, without React: what the text asks for, which commands match, and the
 * options an invocation sends (typed as the registered command declares them). */
import { OPTION_TYPES, type CommandOption, type SlashCommand } from '../api/bots';

/** `/ec` → the name being typed ("ec"); null once a space follows the name or the text is no command. */
export function slashQuery(text: string): string | null {
  const m = /^\/([\w-]*)$/u.exec(text);
  return m ? m[1].toLowerCase() : null;
}

/** `/echo hello there` → {name: "echo", rest: "hello there"}; null when the text is no command. */
export function slashInvocation(text: string): { name: string; rest: string } | null {
  const m = /^\/([\w-]+)(?:\s+([\s\S]*))?$/u.exec(text.trim());
  return m ? { name: m[1].toLowerCase(), rest: (m[2] ?? '').trim() } : null;
}

/** Commands whose name starts with the query first, then those containing it; each group by name. */
export function matchCommands(all: SlashCommand[], query: string, limit = 25): SlashCommand[] {
  const q = query.toLowerCase();
  const starts = all.filter((c) => c.name.toLowerCase().startsWith(q));
  const contains = all.filter((c) => !c.name.toLowerCase().startsWith(q) && c.name.toLowerCase().includes(q));
  const byName = (a: SlashCommand, b: SlashCommand) => a.name.localeCompare(b.name) || a.application_id.localeCompare(b.application_id);
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, limit);
}

/** Arrow keys move through the list and wrap around. */
export function moveSelection(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}

export type OptionValues = Record<string, string>;

export interface BuiltOptions {
  options: { name: string; value: string | number | boolean }[];
  /** option name → why it cannot be sent */
  errors: Record<string, string>;
}

/**
 * The options to send from what the person filled in. Text typed after the command's name in the composer
 * (`/echo hello`) fills the first string option left empty, so a one-option command needs no form.
 */
export function buildOptions(command: SlashCommand, values: OptionValues, rest = ''): BuiltOptions {
  const declared = command.options ?? [];
  const filled: OptionValues = { ...values };
  if (rest) {
    const target = declared.find((o) => o.type === OPTION_TYPES.STRING && !filled[o.name]?.trim());
    if (target) filled[target.name] = rest;
  }
  const options: BuiltOptions['options'] = [];
  const errors: Record<string, string> = {};
  for (const o of declared) {
    const raw = (filled[o.name] ?? '').trim();
    if (!raw) {
      if (o.required) errors[o.name] = 'is required';
      continue;
    }
    const value = typed(o, raw);
    if (value === undefined) errors[o.name] = expected(o);
    else options.push({ name: o.name, value });
  }
  return { options, errors };
}

function typed(o: CommandOption, raw: string): string | number | boolean | undefined {
  switch (o.type) {
    case OPTION_TYPES.INTEGER:
      return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
    case OPTION_TYPES.NUMBER:
      return raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case OPTION_TYPES.BOOLEAN:
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      if (o.choices?.length) {
        const choice = o.choices.find((c) => String(c.value) === raw);
        return choice ? choice.value : undefined;
      }
      return raw;
  }
}

function expected(o: CommandOption): string {
  switch (o.type) {
    case OPTION_TYPES.INTEGER:
      return 'must be a whole number';
    case OPTION_TYPES.NUMBER:
      return 'must be a number';
    case OPTION_TYPES.BOOLEAN:
      return 'must be true or false';
    default:
      return 'must be one of the choices';
  }
}
