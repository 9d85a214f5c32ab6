import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Embed } from '../api/bots';
import { AuthorTag, RichParts, embedColor, fieldRows, safeUrl } from './Embeds';

const resolver = { userName: () => null, roleName: () => null };

function show(embeds: Embed[], components: unknown[] = []) {
  return render(<RichParts message={{ embeds, components: components as never }} resolver={resolver} />).container;
}

describe('embeds', () => {
  it('render in Discord’s shape: colour bar, author, linked title, markdown description, fields, images, footer, time', () => {
    const c = show([
      {
        title: 'Deploy finished',
        url: 'https://ci.example.org/runs/42',
        description: '**main** is live',
        color: 3066993,
        author: { name: 'Deploy Helper', url: 'https://example.org' },
        fields: [
          { name: 'took', value: '42 s', inline: true },
          { name: 'by', value: 'ci', inline: true },
          { name: 'notes', value: 'all green' },
        ],
        thumbnail: { url: 'https://example.org/ok.png' },
        image: { url: 'https://example.org/graph.png' },
        footer: { text: 'ci' },
        timestamp: '2026-12-06T10:00:00Z',
      },
    ]);
    const embed = c.querySelector('.embed') as HTMLElement;
    expect(embed.style.borderLeftColor).toBe('rgb(46, 204, 113)');
    expect(c.querySelector('.embed-author a')?.getAttribute('href')).toBe('https://example.org/');
    const title = c.querySelector('.embed-title a')!;
    expect(title.textContent).toBe('Deploy finished');
    expect(title.getAttribute('href')).toBe('https://ci.example.org/runs/42');
    expect(title.getAttribute('rel')).toContain('noopener');
    expect(c.querySelector('.embed-description strong')?.textContent).toBe('main');
    const rows = [...c.querySelectorAll('.embed-field-row')].map((r) => [...r.querySelectorAll('.embed-field-name')].map((n) => n.textContent));
    expect(rows).toEqual([['took', 'by'], ['notes']]);
    expect(c.querySelector('img.embed-thumbnail')?.getAttribute('src')).toBe('https://example.org/ok.png');
    expect(c.querySelector('img.embed-image')?.getAttribute('src')).toBe('https://example.org/graph.png');
    expect(c.querySelector('.embed-footer')?.textContent).toContain('ci');
    expect(c.querySelector('.embed-footer time')?.getAttribute('dateTime')).toBe('2026-12-06T10:00:00Z');
  });

  it('never turns javascript:, data: or attachment:// urls into links or images, and shows HTML as text', () => {
    const c = show([
      {
        title: '<img src=x onerror=alert(1)>',
        url: 'javascript:alert(1)',
        image: { url: 'data:image/png;base64,AAAA' },
        thumbnail: { url: 'attachment://x.png' },
        description: '[x](javascript:alert(1))',
      },
    ]);
    expect(c.querySelector('a')).toBeNull();
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('.embed-title')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('groups up to three inline fields a row', () => {
    const f = (name: string, inline = true) => ({ name, value: 'v', inline });
    expect(fieldRows([f('a'), f('b'), f('c'), f('d'), f('e', false), f('g')]).map((r) => r.map((x) => x.name))).toEqual([
      ['a', 'b', 'c'],
      ['d'],
      ['e'],
      ['g'],
    ]);
    expect(embedColor(undefined)).toBeNull();
    expect(embedColor(0xff)).toBe('#0000ff');
    expect(safeUrl('ftp://x')).toBeNull();
  });

  it('shows buttons: link buttons open their url, other buttons are shown but cannot be clicked', () => {
    const c = show([], [
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: 'Approve', custom_id: 'ok' },
          { type: 2, style: 5, label: 'Docs', url: 'https://example.org/docs' },
          { type: 2, style: 5, label: 'Bad', url: 'javascript:alert(1)' },
        ],
      },
    ]);
    const approve = [...c.querySelectorAll('button')].find((b) => b.textContent === 'Approve')!;
    expect(approve.disabled).toBe(true);
    expect(c.querySelector('a.component-btn')?.getAttribute('href')).toBe('https://example.org/docs');
    expect(c.querySelectorAll('a').length).toBe(1);
  });

  it('renders nothing for a plain message', () => {
    expect(show([]).innerHTML).toBe('');
  });
});

describe('author tags', () => {
  const tag = (m: object) => render(<AuthorTag message={{ interaction: null, webhook_id: null, author: { user_id: '1', username: 'x', avatar_url: null }, ...m }} />).container.textContent;
  it('marks bots and webhooks BOT, a slash command’s answer APP, and people not at all', () => {
    expect(tag({ author: { user_id: '1', username: 'b', avatar_url: null, bot: true } })).toBe('BOT');
    expect(tag({ webhook_id: '9' })).toBe('BOT');
    expect(tag({ interaction: { interaction_id: '1', name: 'echo', user_id: '2' }, author: { user_id: '1', username: 'b', avatar_url: null, bot: true } })).toBe('APP');
    expect(tag({})).toBe('');
  });
});
