import { decode, isBlurhashValid } from 'blurhash';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { api, enc } from '../api/http';
import type { Attachment, Message } from '../api/types';
import { store } from '../store/store';
import { safeUrl } from '../util/url';
import './files.css';

const Lightbox = lazy(() => import('./Lightbox'));

// ---- layout decisions (pure, unit-tested) -----------------------------------------------------

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

/** How an attachment is shown: images the browser renders safely inline, playable media, or a card. */
export function attachmentKind(a: Pick<Attachment, 'content_type' | 'filename'>): AttachmentKind {
  const type = (a.content_type ?? '').toLowerCase().split(';')[0].trim();
  if (INLINE_IMAGES.has(type)) return 'image'; // never SVG: the server serves it as a download (ADR 164)
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'file';
}

export const PREVIEW_MAX_W = 400;
export const PREVIEW_MAX_H = 300;

/** The box an inline preview takes: the image's aspect ratio, at most 400×300, never upscaled. */
export function previewBox(width: number | null | undefined, height: number | null | undefined, maxW = PREVIEW_MAX_W, maxH = PREVIEW_MAX_H): { width: number; height: number } {
  if (!width || !height || width <= 0 || height <= 0) return { width: Math.min(maxW, 300), height: Math.min(maxH, 200) };
  const scale = Math.min(1, maxW / width, maxH / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The image a preview loads first: the thumbnail when there is one (progressive loading), else the file. */
export function previewSource(a: Attachment): string {
  return safeUrl(a.thumbnail?.url) ?? safeUrl(a.proxy_url) ?? safeUrl(a.url) ?? '';
}


export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** Whether a signed link (`?ex=<hex seconds>`, ADR 162) has expired. Links without `ex` never do. */
export function linkExpired(url: string, nowMs = Date.now()): boolean {
  const m = /[?&]ex=([0-9a-f]+)/i.exec(url);
  return !!m && parseInt(m[1], 16) * 1000 <= nowMs;
}

const refreshing = new Set<string>();

/** A tab open longer than a link lives: read the message again for fresh links (once per message). */
function refreshLinks(channelId: string, messageId: string | undefined) {
  if (!messageId || refreshing.has(messageId)) return;
  refreshing.add(messageId);
  api<Message>(`/channels/${enc(channelId)}/messages/${enc(messageId)}`)
    .then((message) => store.dispatch({ type: 'MESSAGE_UPSERT', message: { ...message, nonce: null } }))
    .catch(() => undefined)
    .finally(() => setTimeout(() => refreshing.delete(messageId), 60_000));
}

/** Images of a channel's loaded messages, oldest first: what the lightbox's arrow keys walk through. */
export function channelImages(channelId: string): Attachment[] {
  const cm = store.getState().messages[channelId];
  if (!cm) return [];
  const out: Attachment[] = [];
  for (const id of cm.ids) for (const a of cm.byId[id]?.attachments ?? []) if (attachmentKind(a) === 'image') out.push(a);
  return out;
}

// ---- rendering --------------------------------------------------------------------------------

/** The files of one message. */
export function Attachments({ attachments, channelId, messageId }: { attachments: Attachment[]; channelId: string; messageId?: string }) {
  const [open, setOpen] = useState<string | null>(null);
  if (!attachments?.length) return null;
  return (
    <div className="attachments">
      {attachments.map((a) => (
        <Spoiler key={a.attachment_id} spoiler={!!a.spoiler} name={a.filename}>
          <AttachmentView a={a} onOpen={() => setOpen(a.attachment_id)} onExpired={() => refreshLinks(channelId, messageId)} />
        </Spoiler>
      ))}
      {open && (
        <Suspense fallback={null}>
          <Lightbox images={channelImages(channelId).length ? channelImages(channelId) : attachments.filter((a) => attachmentKind(a) === 'image')} startId={open} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </div>
  );
}

function AttachmentView({ a, onOpen, onExpired }: { a: Attachment; onOpen: () => void; onExpired: () => void }) {
  const kind = attachmentKind(a);
  if (kind === 'image') return <ImagePreview a={a} onOpen={onOpen} onExpired={onExpired} />;
  if (kind === 'video') {
    const box = previewBox(a.width, a.height);
    return (
      <video
        className="attachment-video"
        controls
        preload="metadata"
        src={safeUrl(a.url) ?? undefined}
        poster={safeUrl(a.thumbnail?.url) ?? undefined}
        width={box.width}
        aria-label={a.description || a.filename}
      />
    );
  }
  if (kind === 'audio') {
    return (
      <div className="attachment-audio">
        <FileCard a={a} />
        <audio controls preload="none" src={safeUrl(a.url) ?? undefined} aria-label={a.description || a.filename} />
      </div>
    );
  }
  return <FileCard a={a} />;
}

/** A thumbnail-first image: the BlurHash at once, the picture when it scrolls into view, the file on click. */
function ImagePreview({ a, onOpen, onExpired }: { a: Attachment; onOpen: () => void; onExpired: () => void }) {
  const box = previewBox(a.width ?? a.thumbnail?.width, a.height ?? a.thumbnail?.height);
  const src = previewSource(a);
  const [loadedSrc, setLoadedSrc] = useState<string | null>(null);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const loaded = loadedSrc === src;
  const failed = failedSrc === src;
  const name = a.description || a.filename;
  return (
    <button type="button" className="attachment-image" style={{ width: box.width, height: box.height }} aria-label={`Open image ${a.filename}`} onClick={onOpen}>
      {!loaded && (a.placeholder ? <BlurHash hash={a.placeholder} width={box.width} height={box.height} /> : <span className="image-skeleton" aria-hidden="true" />)}
      {failed ? (
        <span className="muted small image-failed">{a.filename}</span>
      ) : (
        <img
          src={src}
          alt={name}
          loading="lazy"
          decoding="async"
          width={box.width}
          height={box.height}
          className={loaded ? 'loaded' : ''}
          onLoad={() => setLoadedSrc(src)}
          onError={() => {
            setFailedSrc(src);
            if (linkExpired(src)) onExpired();
          }}
        />
      )}
    </button>
  );
}

/** Paints a BlurHash on a 32×32 canvas stretched to the box; nothing when the string is not a BlurHash. */
export function BlurHash({ hash, width, height }: { hash: string; width: number; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !isBlurhashValid(hash).result) return;
    let ctx: CanvasRenderingContext2D | null = null;
    try {
      ctx = canvas.getContext('2d');
    } catch {
      ctx = null;
    }
    if (!ctx) return;
    const pixels = decode(hash, 32, 32);
    const image = ctx.createImageData(32, 32);
    image.data.set(pixels);
    ctx.putImageData(image, 0, 0);
  }, [hash]);
  return <canvas ref={ref} className="blurhash" data-blurhash={hash} width={32} height={32} style={{ width, height }} aria-hidden="true" />;
}

export function FileCard({ a }: { a: Attachment }) {
  const href = safeUrl(a.url);
  return (
    <div className="file-card" role="group" aria-label={`File ${a.filename}`}>
      <svg className="file-icon" width="28" height="34" viewBox="0 0 28 34" aria-hidden="true">
        <path d="M2 2h16l8 8v22H2z" fill="var(--bg-3)" stroke="currentColor" strokeWidth="1.5" />
        <path d="M18 2v8h8" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <div className="file-meta">
        {href ? (
          <a href={href} download={a.filename} className="file-name" title={a.filename} rel="noopener noreferrer">
            {a.filename}
          </a>
        ) : (
          <span className="file-name">{a.filename}</span>
        )}
        <span className="muted small">{formatBytes(a.size)}</span>
      </div>
      {href && (
        <a href={href} download={a.filename} className="icon-btn file-download" aria-label={`Download ${a.filename}`} title="Download" rel="noopener noreferrer">
          <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
            <path d="M7 1h2v7l2.5-2.5 1.4 1.4L8 11.8 3.1 6.9l1.4-1.4L7 8zM2 13h12v2H2z" />
          </svg>
        </a>
      )}
    </div>
  );
}

/** Blurred and inert until clicked. */
function Spoiler({ spoiler, name, children }: { spoiler: boolean; name: string; children: React.ReactNode }) {
  const [shown, setShown] = useState(!spoiler);
  if (shown) return <div className="attachment">{children}</div>;
  return (
    <div className="attachment spoiler">
      <div className="spoiler-blur" aria-hidden="true" inert>
        {children}
      </div>
      <button type="button" className="spoiler-reveal" aria-label={`Reveal spoiler ${name}`} onClick={() => setShown(true)}>
        SPOILER
      </button>
    </div>
  );
}
