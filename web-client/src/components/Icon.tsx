/** A few 16-px line icons, so the UI does not depend on an emoji font. */
const PATHS: Record<string, string> = {
  pin: 'M9 2l5 5-2 1-3 3 .5 3.5L8 16l-3-3-3 3v-1l3-3-3-3 1.5-1.5L6 8l3-3z',
  search: 'M7 2a5 5 0 014 8l4 4-1 1-4-4A5 5 0 117 2zm0 2a3 3 0 100 6 3 3 0 000-6z',
  members: 'M6 8a3 3 0 110-6 3 3 0 010 6zm-5 6c0-3 2-5 5-5s5 2 5 5H1zm10-6a2.5 2.5 0 100-5v5zm1 1c2 .5 3 2.5 3 5h-3c0-2-.5-3.5-1.5-4.5z',
  invite: 'M6 8a3 3 0 110-6 3 3 0 010 6zm-5 6c0-3 2-5 5-5s5 2 5 5H1zm12-9h1v2h2v1h-2v2h-1V8h-2V7h2z',
  speaker: 'M2 6h3l4-3v10L5 10H2zm9-1a4 4 0 010 6l-1-1a2.6 2.6 0 000-4zm2-2a7 7 0 010 10l-1-1a5.6 5.6 0 000-8z',
  plus: 'M7 2h2v5h5v2H9v5H7V9H2V7h5z',
  reply: 'M6 3v3c5 0 8 2 9 7-2-2.5-4.5-3.5-9-3.5V13L1 8z',
  edit: 'M11 2l3 3-8 8H3v-3zm-1 2L4 10v1h1l6-6z',
  trash: 'M5 2h6v1h3v2H2V3h3zm-2 4h10l-1 9H4zm3 2v5h1V8zm3 0v5h1V8z',
  smile: 'M8 1a7 7 0 110 14A7 7 0 018 1zm0 1.5a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM5.5 6a1 1 0 110 2 1 1 0 010-2zm5 0a1 1 0 110 2 1 1 0 010-2zM4.5 9.5h7A3.6 3.6 0 018 12a3.6 3.6 0 01-3.5-2.5z',
  gear: 'M7 1h2l.4 2 1.3.6 1.7-1.1 1.4 1.4-1.1 1.7.6 1.3 2 .4v2l-2 .4-.6 1.3 1.1 1.7-1.4 1.4-1.7-1.1-1.3.6L9 15H7l-.4-2-1.3-.6-1.7 1.1-1.4-1.4 1.1-1.7-.6-1.3L1 9V7l2-.4.6-1.3-1.1-1.7 1.4-1.4 1.7 1.1 1.3-.6zm1 4.5a2.5 2.5 0 100 5 2.5 2.5 0 000-5z',
  leave: 'M2 2h7v2H4v8h5v2H2zm8 2l4 4-4 4V9H6V7h4z',
  menu: 'M2 3h12v2H2zm0 4h12v2H2zm0 4h12v2H2z',
  home: 'M8 1l7 6h-2v7H9v-4H7v4H3V7H1z',
  hash: 'M6 1h2L7.4 5h3L11 1h2l-.6 4H15v2h-2.9l-.4 2H14v2h-2.6L11 15H9l.4-4h-3L6 15H4l.4-4H1V9h3.7l.4-2H2V5h3.4zm1.1 6l-.4 2h3l.4-2z',
};

export function Icon({ name, size = 18 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={PATHS[name] ?? ''} fillRule="evenodd" />
    </svg>
  );
}
