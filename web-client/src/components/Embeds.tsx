/** The rich parts of a message (issue 10): Discord-shaped embeds, components, the BOT / APP tags and the
 * "X used /cmd" line above a slash command's answer. Never raw HTML; only http(s) urls become links or images. */
import type { Component, Embed } from '../api/bots';
import type { Message } from '../api/types';
import { displayName } from '../app/hooks';
import { Markdown, type MentionResolver } from '../markdown/Markdown';
import { fullTime } from '../util/time';
import './bots.css';

/** An http(s) url, or null: `javascript:`, `data:`, `attachment://` and garbage never reach an href or src. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** `#rrggbb` of an embed's color; null when it has none. */
export function embedColor(color: number | null | undefined): string | null {
  if (color == null || !Number.isInteger(color) || color < 0 || color > 0xffffff) return null;
  return `#${color.toString(16).padStart(6, '0')}`;
}

/** Discord groups consecutive inline fields up to three a row; a non-inline field takes a row of its own. */
export function fieldRows(fields: Embed['fields']): NonNullable<Embed['fields']>[] {
  const rows: NonNullable<Embed['fields']>[] = [];
  for (const f of fields ?? []) {
    const last = rows[rows.length - 1];
    if (f.inline && last && last.length < 3 && last.every((x) => x.inline)) last.push(f);
    else rows.push([f]);
  }
  return rows;
}

export function EmbedView({ embed: e, resolver }: { embed: Embed; resolver: MentionResolver }) {
  const color = embedColor(e.color);
  const titleUrl = safeUrl(e.url);
  const authorUrl = safeUrl(e.author?.url);
  const authorIcon = safeUrl(e.author?.icon_url);
  const footerIcon = safeUrl(e.footer?.icon_url);
  const image = safeUrl(e.image?.url);
  const thumbnail = safeUrl(e.thumbnail?.url);
  const when = e.timestamp && !Number.isNaN(Date.parse(e.timestamp)) ? e.timestamp : null;
  return (
    <div className="embed" role="figure" aria-label={e.title ? `Embed: ${e.title}` : 'Embed'} style={color ? { borderLeftColor: color } : undefined} data-color={color ?? undefined}>
      <div className="embed-grid">
        <div className="embed-main">
          {e.author?.name && (
            <div className="embed-author">
              {authorIcon && <img className="embed-author-icon" src={authorIcon} alt="" loading="lazy" referrerPolicy="no-referrer" />}
              {authorUrl ? (
                <a href={authorUrl} target="_blank" rel="noopener noreferrer nofollow ugc">
                  {e.author.name}
                </a>
              ) : (
                <span>{e.author.name}</span>
              )}
            </div>
          )}
          {e.title && (
            <div className="embed-title">
              {titleUrl ? (
                <a href={titleUrl} target="_blank" rel="noopener noreferrer nofollow ugc">
                  {e.title}
                </a>
              ) : (
                e.title
              )}
            </div>
          )}
          {e.description && (
            <div className="embed-description">
              <Markdown content={e.description} resolver={resolver} />
            </div>
          )}
          {e.fields && e.fields.length > 0 && (
            <div className="embed-fields">
              {fieldRows(e.fields).map((row, i) => (
                <div className="embed-field-row" key={i}>
                  {row.map((f, j) => (
                    <div className={`embed-field ${f.inline ? 'inline' : ''}`} key={j}>
                      <div className="embed-field-name">{f.name}</div>
                      <div className="embed-field-value">
                        <Markdown content={f.value} resolver={resolver} />
                      </div>
                    </div>
                  ))}
                </div>
              ))}
            </div>
          )}
        </div>
        {thumbnail && <img className="embed-thumbnail" src={thumbnail} alt="" loading="lazy" referrerPolicy="no-referrer" />}
      </div>
      {image && <img className="embed-image" src={image} alt="" loading="lazy" referrerPolicy="no-referrer" />}
      {(e.footer?.text || when) && (
        <div className="embed-footer muted small">
          {footerIcon && <img className="embed-footer-icon" src={footerIcon} alt="" loading="lazy" referrerPolicy="no-referrer" />}
          {e.footer?.text && <span>{e.footer.text}</span>}
          {e.footer?.text && when && <span aria-hidden="true"> • </span>}
          {when && <time dateTime={when}>{fullTime(when)}</time>}
        </div>
      )}
    </div>
  );
}

const BUTTON_STYLES: Record<number, string> = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

/** Action rows of buttons (links open; other buttons are shown: the API has no component clicks for people yet). */
export function Components({ rows }: { rows: Component[] }) {
  return (
    <div className="components">
      {rows
        .filter((r) => r && r.type === 1 && Array.isArray(r.components))
        .slice(0, 5)
        .map((row, i) => (
          <div className="component-row" role="group" aria-label="Message buttons" key={i}>
            {row.components!.map((c, j) => {
              const label = `${c.emoji?.name ? `${c.emoji.name} ` : ''}${c.label ?? ''}`.trim() || '…';
              const style = BUTTON_STYLES[c.style ?? 2] ?? 'secondary';
              if (c.type === 2 && c.style === 5) {
                const href = safeUrl(c.url);
                return href && !c.disabled ? (
                  <a key={j} className="component-btn link" href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
                    {label} ↗
                  </a>
                ) : (
                  <button key={j} type="button" className="component-btn link" disabled>
                    {label}
                  </button>
                );
              }
              if (c.type === 2) {
                return (
                  <button key={j} type="button" className={`component-btn ${style}`} disabled title="Buttons of apps cannot be clicked on Guildhall yet">
                    {label}
                  </button>
                );
              }
              return (
                <select key={j} className="component-select" disabled aria-label={c.placeholder ?? 'Select'}>
                  <option>{c.placeholder ?? 'Make a selection'}</option>
                </select>
              );
            })}
          </div>
        ))}
    </div>
  );
}

/** Embeds and components under a message's text. */
export function RichParts({ message: m, resolver }: { message: Pick<Message, 'embeds' | 'components'>; resolver: MentionResolver }) {
  const embeds = m.embeds ?? [];
  const rows = Array.isArray(m.components) ? m.components : [];
  if (embeds.length === 0 && rows.length === 0) return null;
  return (
    <div className="rich-parts">
      {embeds.map((e, i) => (
        <EmbedView key={i} embed={e} resolver={resolver} />
      ))}
      {rows.length > 0 && <Components rows={rows} />}
    </div>
  );
}

/** "APP" on a slash command's answer, "BOT" on any other message of a bot or a webhook. */
export function authorTag(m: Pick<Message, 'interaction' | 'webhook_id' | 'author'>): 'APP' | 'BOT' | null {
  if (m.interaction) return 'APP';
  if (m.webhook_id || m.author?.bot) return 'BOT';
  return null;
}

export function AuthorTag({ message }: { message: Pick<Message, 'interaction' | 'webhook_id' | 'author'> }) {
  const tag = authorTag(message);
  if (!tag) return null;
  return (
    <span className="bot-tag" title={tag === 'APP' ? 'An app answering a command' : message.webhook_id ? 'Webhook' : 'Bot'}>
      {tag}
    </span>
  );
}

/** "alice used /echo" above a slash command's answer. */
export function InteractionLine({ message: m }: { message: Pick<Message, 'interaction' | 'server_id'> }) {
  if (!m.interaction) return null;
  return (
    <div className="interaction-line muted small">
      <span className="reply-spine" aria-hidden="true" />
      <span className="interaction-text">
        <strong>{displayName(m.interaction.user_id, m.server_id)}</strong> used <span className="command-name">/{m.interaction.name}</span>
      </span>
    </div>
  );
}
