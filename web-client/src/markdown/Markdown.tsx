import { Fragment, type ReactNode } from 'react';
import { type Block, type Inline, parse } from './parse';

export interface MentionResolver {
  userName(id: string): string | null;
  roleName(id: string): string | null;
  roleColor?(id: string): number | null;
  meId?: string | null;
  myRoles?: string[];
}

const noResolver: MentionResolver = { userName: () => null, roleName: () => null };

function inline(nodes: Inline[], r: MentionResolver, key = ''): ReactNode[] {
  return nodes.map((n, i) => {
    const k = `${key}${i}`;
    switch (n.k) {
      case 'text':
        return <Fragment key={k}>{n.v}</Fragment>;
      case 'br':
        return <br key={k} />;
      case 'code':
        return <code key={k} className="md-code">{n.v}</code>;
      case 'bold':
        return <strong key={k}>{inline(n.c, r, k + '.')}</strong>;
      case 'italic':
        return <em key={k}>{inline(n.c, r, k + '.')}</em>;
      case 'link':
        return (
          <a key={k} href={n.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {n.href}
          </a>
        );
      case 'user': {
        const name = r.userName(n.id);
        const me = r.meId === n.id;
        return (
          <span key={k} className={me ? 'mention mention-me' : 'mention'} data-user-id={n.id}>
            @{name ?? 'unknown-user'}
          </span>
        );
      }
      case 'role': {
        const name = r.roleName(n.id);
        const color = r.roleColor?.(n.id);
        const mine = r.myRoles?.includes(n.id);
        return (
          <span
            key={k}
            className={mine ? 'mention mention-me' : 'mention'}
            style={color ? { color: `#${color.toString(16).padStart(6, '0')}` } : undefined}
          >
            @{name ?? 'deleted-role'}
          </span>
        );
      }
      case 'everyone':
        return (
          <span key={k} className="mention mention-me">
            {n.v}
          </span>
        );
    }
  });
}

function block(b: Block, r: MentionResolver, i: number): ReactNode {
  switch (b.k) {
    case 'codeblock':
      return (
        <pre key={i} className="md-pre" data-lang={b.lang || undefined}>
          <code>{b.v}</code>
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={i} className="md-quote">
          {inline(b.c, r, `${i}:`)}
        </blockquote>
      );
    case 'para':
      return (
        <div key={i} className="md-p">
          {inline(b.c, r, `${i}:`)}
        </div>
      );
  }
}

/** Renders message content as React elements: text is always text, only http(s) becomes a link. */
export function Markdown({ content, resolver }: { content: string; resolver?: MentionResolver }) {
  const blocks = parse(content);
  return <>{blocks.map((b, i) => block(b, resolver ?? noResolver, i))}</>;
}
