import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { parse, parseInline } from './parse';

function html(content: string) {
  const { container } = render(<Markdown content={content} resolver={{ userName: (id) => (id === '42' ? 'alice' : null), roleName: () => 'mods', meId: '42' }} />);
  return container;
}

describe('markdown renderer', () => {
  it('renders bold, italic and inline code as elements', () => {
    const c = html('a **bold** and *it* and _also_ and `x < y`');
    expect(c.querySelector('strong')?.textContent).toBe('bold');
    expect([...c.querySelectorAll('em')].map((e) => e.textContent)).toEqual(['it', 'also']);
    expect(c.querySelector('code')?.textContent).toBe('x < y');
  });

  it('shows an img tag with an onerror handler as plain text', () => {
    const c = html('<img src=x onerror=alert(1)>');
    expect(c.querySelector('img')).toBeNull();
    expect(c.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('never makes a javascript: link', () => {
    const c = html('click javascript:alert(1) or [x](javascript:alert(1))');
    expect(c.querySelector('a')).toBeNull();
    expect(c.textContent).toContain('javascript:alert(1)');
  });

  it('links http and https urls only, opening safely', () => {
    const c = html('see https://example.com/a?b=1, and http://x.org. also ftp://nope');
    const links = [...c.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1', 'http://x.org']);
    expect(links[0].getAttribute('rel')).toContain('noopener');
    expect(c.textContent).toContain('ftp://nope');
  });

  it('does not turn script tags or html entities into markup', () => {
    const c = html('<script>alert(1)</script> &lt;b&gt;');
    expect(c.querySelector('script')).toBeNull();
    expect(c.querySelector('b')).toBeNull();
    expect(c.textContent).toBe('<script>alert(1)</script> &lt;b&gt;');
  });

  it('keeps markup inside code as text', () => {
    const c = html('```html\n<img src=x onerror=alert(1)>\n**not bold**\n```');
    expect(c.querySelector('pre code')?.textContent).toBe('<img src=x onerror=alert(1)>\n**not bold**');
    expect(c.querySelector('strong')).toBeNull();
    expect(c.querySelector('img')).toBeNull();
  });

  it('renders quotes', () => {
    const c = html('> quoted **text**\nafter');
    expect(c.querySelector('blockquote')?.textContent).toBe('quoted text');
    expect(c.querySelector('blockquote strong')).not.toBeNull();
  });

  it('highlights mentions by name', () => {
    const c = html('hi <@42> and <@!7> and <@&9> and @everyone');
    const m = [...c.querySelectorAll('.mention')].map((e) => e.textContent);
    expect(m).toEqual(['@alice', '@unknown-user', '@mods', '@everyone']);
    expect(c.querySelector('.mention-me')?.textContent).toBe('@alice');
  });

  it('keeps line breaks', () => {
    const c = html('one\ntwo');
    expect(c.querySelectorAll('br').length).toBe(1);
  });
});

describe('parser', () => {
  it('leaves an unclosed code fence as text', () => {
    expect(parse('```\nno end')).toEqual([{ k: 'para', c: [{ k: 'text', v: '```' }, { k: 'br' }, { k: 'text', v: 'no end' }] }]);
  });
  it('does not treat snake_case words as italic', () => {
    expect(parseInline('a snake_case_word here')).toEqual([{ k: 'text', v: 'a snake_case_word here' }]);
  });
  it('strips trailing punctuation from links', () => {
    expect(parseInline('(https://a.io/x)')).toEqual([
      { k: 'text', v: '(' },
      { k: 'link', href: 'https://a.io/x' },
      { k: 'text', v: ')' },
    ]);
  });
});
