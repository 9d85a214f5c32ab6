import { type ReactNode, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

let open = 0;
/** While a modal is open the app behind it is inert and hidden from assistive technology. */
export function useModalLayer() {
  useEffect(() => {
    const root = document.getElementById('root');
    open++;
    if (root) {
      root.setAttribute('aria-hidden', 'true');
      root.inert = true;
    }
    return () => {
      open--;
      if (open === 0 && root) {
        root.removeAttribute('aria-hidden');
        root.inert = false;
      }
    };
  }, []);
}

/** A modal dialog: role="dialog", labelled, Escape and the backdrop close it, focus moves in. */
export function Dialog({
  label,
  title,
  onClose,
  children,
  className,
}: {
  label: string;
  title?: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useModalLayer();
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const el = ref.current;
    const first = el?.querySelector<HTMLElement>('input, textarea, select, button:not(.dialog-close)');
    (first ?? el)?.focus();
    return () => prev?.focus?.();
  }, []);
  return createPortal(
    <div
      className="backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        className={`dialog ${className ?? ''}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="dialog-head">
          <h2>{title ?? label}</h2>
          <button type="button" className="dialog-close icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}

export function ConfirmDialog({
  label,
  text,
  confirm,
  onConfirm,
  onClose,
  danger = true,
}: {
  label: string;
  text: ReactNode;
  confirm: string;
  onConfirm: () => void | Promise<void>;
  onClose: () => void;
  danger?: boolean;
}) {
  return (
    <Dialog label={label} onClose={onClose}>
      <div className="dialog-body">{text}</div>
      <div className="dialog-actions">
        <button type="button" className="btn secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'btn danger' : 'btn'}
          onClick={async () => {
            await onConfirm();
            onClose();
          }}
        >
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
