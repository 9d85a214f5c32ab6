import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Attachment } from '../api/types';
import { safeUrl } from '../util/url';
import { useModalLayer } from './Dialog';

/** The index the arrow keys move to: wraps around at both ends. */
export function stepIndex(current: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((current + delta) % count) + count) % count;
}

/** The full image over the app: Escape or the backdrop closes it, ←/→ walk the channel's images. */
export default function Lightbox({ images, startId, onClose }: { images: Attachment[]; startId: string; onClose: () => void }) {
  const [index, setIndex] = useState(() => Math.max(0, images.findIndex((a) => a.attachment_id === startId)));
  const ref = useRef<HTMLDivElement>(null);
  useModalLayer();
  const a = images[index];

  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => prev?.focus?.();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if (e.key === 'ArrowRight' && images.length > 1) {
        e.preventDefault();
        setIndex((i) => stepIndex(i, 1, images.length));
      } else if (e.key === 'ArrowLeft' && images.length > 1) {
        e.preventDefault();
        setIndex((i) => stepIndex(i, -1, images.length));
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [images.length, onClose]);

  if (!a) return null;
  const src = safeUrl(a.url) ?? '';
  return createPortal(
    <div
      className="backdrop lightbox-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div ref={ref} role="dialog" aria-modal="true" aria-label="Image viewer" tabIndex={-1} className="lightbox">
        <img src={src} alt={a.description || a.filename} className="lightbox-image" />
        <div className="lightbox-bar">
          <span className="lightbox-name" title={a.filename}>
            {a.filename}
          </span>
          {images.length > 1 && (
            <span className="muted small" aria-live="polite">
              {index + 1} / {images.length}
            </span>
          )}
          <a href={src} target="_blank" rel="noopener noreferrer" className="link-btn">
            Open original
          </a>
          {images.length > 1 && (
            <>
              <button type="button" className="icon-btn" aria-label="Previous image" onClick={() => setIndex((i) => stepIndex(i, -1, images.length))}>
                ‹
              </button>
              <button type="button" className="icon-btn" aria-label="Next image" onClick={() => setIndex((i) => stepIndex(i, 1, images.length))}>
                ›
              </button>
            </>
          )}
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
