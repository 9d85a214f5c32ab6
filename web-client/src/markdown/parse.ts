/**
 * A small markdown subset, parsed to a tree (never to HTML): code blocks, quotes, inline code,
 * bold, italic, http(s) links, and mentions. Everything else is text.
 */
export type Inline =
  | { k: 'text'; v: string }
  | { k: 'code'; v: string }
  | { k: 'bold'; c: Inline[] }
  | { k: 'italic'; c: Inline[] }
  | { k: 'link'; href: string }
  | { k: 'user'; id: string }
  | { k: 'role'; id: string }
  | { k: 'everyone'; v: string }
  | { k: 'br' };

export type Block =
  | { k: 'codeblock'; lang: string; v: string }
  | { k: 'quote'; c: Inline[] }
  | { k: 'para'; c: Inline[] };

const INLINE = new RegExp(
  [
    '`([^`\\n]+)`', // 1 inline code
    '\\*\\*([\\s\\S]+?)\\*\\*', // 2 bold
    '\\*([^*\\s](?:[^*]*?[^*\\s])?)\\*', // 3 italic *x*
    '(?<![\\p{L}\\p{N}_])_([^_\\s](?:[^_]*?[^_\\s])?)_(?![\\p{L}\\p{N}_])', // 4 italic _x_
    '<@!?(\\d{1,20})>', // 5 user mention
    '<@&(\\d{1,20})>', // 6 role mention
    '(?<![\\p{L}\\p{N}_])(@everyone|@here)(?![\\p{L}\\p{N}_])', // 7
    '(https?:\\/\\/[^\\s<>"]+)', // 8 link
  ].join('|'),
  'giu',
);

const TRAILING = /[.,:;!?)\]'"]+$/;

export function parseInline(src: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  const pushText = (s: string) => {
    if (!s) return;
    const lines = s.split('\n');
    lines.forEach((line, i) => {
      if (i > 0) out.push({ k: 'br' });
      if (line) {
        const last = out[out.length - 1];
        if (last && last.k === 'text') last.v += line;
        else out.push({ k: 'text', v: line });
      }
    });
  };
  if (depth > 5) {
    pushText(src);
    return out;
  }
  const re = new RegExp(INLINE.source, INLINE.flags);
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src)) !== null) {
    pushText(src.slice(last, m.index));
    last = re.lastIndex;
    if (m[1] !== undefined) out.push({ k: 'code', v: m[1] });
    else if (m[2] !== undefined) out.push({ k: 'bold', c: parseInline(m[2], depth + 1) });
    else if (m[3] !== undefined) out.push({ k: 'italic', c: parseInline(m[3], depth + 1) });
    else if (m[4] !== undefined) out.push({ k: 'italic', c: parseInline(m[4], depth + 1) });
    else if (m[5] !== undefined) out.push({ k: 'user', id: m[5] });
    else if (m[6] !== undefined) out.push({ k: 'role', id: m[6] });
    else if (m[7] !== undefined) out.push({ k: 'everyone', v: m[7] });
    else if (m[8] !== undefined) {
      let url = m[8];
      const trail = TRAILING.exec(url);
      // keep a closing parenthesis that has its opening one inside the url
      if (trail) {
        let cut = trail[0];
        if (cut.startsWith(')') && url.includes('(')) cut = cut.slice(1);
        if (cut) {
          url = url.slice(0, url.length - cut.length);
          re.lastIndex -= cut.length;
          last = re.lastIndex;
        }
      }
      if (isSafeUrl(url)) out.push({ k: 'link', href: url });
      else pushText(url);
    }
  }
  pushText(src.slice(last));
  return out;
}

export function isSafeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parse(src: string): Block[] {
  const blocks: Block[] = [];
  const lines = src.split('\n');
  let para: string[] = [];
  let quote: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ k: 'para', c: parseInline(para.join('\n')) });
    para = [];
  };
  const flushQuote = () => {
    if (quote.length) blocks.push({ k: 'quote', c: parseInline(quote.join('\n')) });
    quote = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(.*)$/.exec(line);
    if (fence) {
      const after = fence[1];
      let end = -1;
      if (after.length >= 3 && after.trimEnd().endsWith('```')) {
        flushPara();
        flushQuote();
        blocks.push({ k: 'codeblock', lang: '', v: after.trimEnd().slice(0, -3) });
        continue;
      }
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j].trimEnd().endsWith('```')) {
          end = j;
          break;
        }
      }
      if (end >= 0) {
        flushPara();
        flushQuote();
        const word = after.trim();
        const lang = /^[\w+-]+$/.test(word) ? word : '';
        const first = lang || word === '' ? [] : [after];
        const lastLine = lines[end].trimEnd().slice(0, -3);
        const body = [...first, ...lines.slice(i + 1, end), ...(lastLine ? [lastLine] : [])];
        blocks.push({ k: 'codeblock', lang, v: body.join('\n') });
        i = end;
        continue;
      }
    }
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      flushPara();
      quote.push(q[1]);
      continue;
    }
    flushQuote();
    para.push(line);
  }
  flushPara();
  flushQuote();
  return blocks;
}
