import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

export const EMOJI = [
  '👍', '👎', '❤️', '😂', '😮', '😢', '😡', '🎉',
  '🔥', '👀', '✅', '❌', '🙏', '👏', '💯', '🤔',
  '😀', '😁', '😅', '😊', '😍', '😎', '🥳', '😴',
  '🤯', '😬', '🙃', '😇', '🤝', '💪', '👋', '✨',
  '⭐', '🚀', '🍕', '☕', '🐛', '💡', '📌', '⚠️',
];

const COLUMNS = 8;

/** A small popover of common emoji; `onPick` receives the emoji character. */
export function EmojiPicker({ anchor, onPick, onClose }: { anchor: HTMLElement | null; onPick: (e: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number }>({ top: 0, left: 0 });
  useLayoutEffect(() => {
    const r = anchor?.getBoundingClientRect();
    const w = 296;
    const h = 220;
    if (!r) return;
    const top = r.bottom + h + 8 > window.innerHeight ? Math.max(8, r.top - h - 4) : r.bottom + 4;
    const left = Math.max(8, Math.min(window.innerWidth - w - 8, r.right - w));
    setPos({ top, left });
  }, [anchor]);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const down = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node) && !anchor?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', down);
    return () => document.removeEventListener('mousedown', down);
  }, [anchor, onClose]);
  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-label="Emoji picker"
      className="emoji-picker"
      style={{ top: pos.top, left: pos.left }}
      onKeyDown={(e) => {
        const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[e.key];
        if (step) {
          const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          const next = buttons[Math.min(buttons.length - 1, Math.max(0, i + step))];
          next?.focus();
          e.preventDefault();
          return;
        }
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
          anchor?.focus();
        }
      }}
    >
      {EMOJI.map((e) => (
        <button
          type="button"
          key={e}
          aria-label={e}
          className="emoji-btn"
          onClick={() => {
            onPick(e);
            onClose();
          }}
        >
          {e}
        </button>
      ))}
    </div>,
    document.body,
  );
}
