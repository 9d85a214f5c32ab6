import { type DragEvent, type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { type StagedFile, progressOf, uploadsFor } from '../app/uploads';
import { formatBytes } from './Attachments';
import './files.css';

/** The staged files of a channel, live. */
export function useUploads(channelId: string): StagedFile[] {
  const q = uploadsFor(channelId);
  return useSyncExternalStore(q.subscribe, q.snapshot);
}

/** Files a paste carries (an image copied from anywhere, files copied in a file manager). */
export function pastedFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  const out: File[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file') {
      const f = item.getAsFile();
      if (f) out.push(f);
    }
  }
  return out.length ? out : Array.from(data.files ?? []);
}

/** The "+" beside the composer: opens the file picker. */
export function AttachButton({ channelId, disabled }: { channelId: string; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="icon-btn attach-btn" aria-label="Attach files" title="Attach files" disabled={disabled} onClick={() => input.current?.click()}>
        <svg width="20" height="20" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="currentColor">
          <path d="M8 1a7 7 0 110 14A7 7 0 018 1zm-.75 3.5v2.75H4.5v1.5h2.75v2.75h1.5V8.75h2.75v-1.5H8.75V4.5z" fillRule="evenodd" />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          if (files.length) uploadsFor(channelId).add(files);
          e.target.value = '';
        }}
      />
    </>
  );
}

/** Drop files anywhere on the channel: an overlay says where they go. */
export function DropZone({ channelId, label, enabled, children }: { channelId: string; label: string; enabled: boolean; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  return (
    <div
      className="drop-zone"
      onDragEnter={(e) => {
        if (!enabled || !hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!enabled || !hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        if (!enabled) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!enabled) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length) uploadsFor(channelId).add(files);
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          <div>Upload to {label}</div>
        </div>
      )}
    </div>
  );
}

/** The staged files above the composer: progress, cancel/remove, spoiler, description. */
export function UploadTray({ channelId }: { channelId: string }) {
  const files = useUploads(channelId);
  const q = uploadsFor(channelId);
  if (files.length === 0 && !q.notice) return null;
  return (
    <div className="upload-tray" role="list" aria-label="Files to send">
      {q.notice && (
        <p className="form-error small" role="alert">
          {q.notice}
        </p>
      )}
      {files.map((f) => (
        <StagedCard key={f.key} channelId={channelId} file={f} />
      ))}
    </div>
  );
}

function StagedCard({ channelId, file: f }: { channelId: string; file: StagedFile }) {
  const q = uploadsFor(channelId);
  const [preview] = useState(() => (f.contentType.startsWith('image/') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(f.file) : null));
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const pct = Math.round(progressOf(f) * 100);
  return (
    <div role="listitem" aria-label={f.filename} className={`staged ${f.status}`}>
      <div className={`staged-thumb ${f.spoiler ? 'spoiler-blur' : ''}`}>
        {preview ? <img src={preview} alt="" /> : <span className="file-glyph" aria-hidden="true">{extOf(f.filename)}</span>}
      </div>
      <div className="staged-name" title={f.filename}>
        {f.filename}
      </div>
      <div className="muted small">{formatBytes(f.size)}</div>
      {f.status === 'uploading' && (
        <progress className="upload-progress" max={100} value={pct} aria-label={`Uploading ${f.filename}`}>
          {pct}%
        </progress>
      )}
      {f.status === 'done' && <div className="small upload-done">Uploaded</div>}
      {f.status === 'failed' && (
        <div className="form-error small" role="alert">
          {f.error ?? 'Upload failed.'}
        </div>
      )}
      <input
        className="staged-desc"
        aria-label={`Description of ${f.filename}`}
        placeholder="Description (alt text)"
        value={f.description}
        maxLength={1024}
        onChange={(e) => q.setDescription(f.key, e.target.value)}
      />
      <label className="small staged-spoiler">
        <input type="checkbox" checked={f.spoiler} onChange={(e) => q.setSpoiler(f.key, e.target.checked)} /> Spoiler
      </label>
      <button
        type="button"
        className="icon-btn staged-remove"
        aria-label={f.status === 'uploading' ? `Cancel upload of ${f.filename}` : `Remove ${f.filename}`}
        title={f.status === 'uploading' ? 'Cancel upload' : 'Remove'}
        onClick={() => q.remove(f.key)}
      >
        ×
      </button>
    </div>
  );
}

function extOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i + 1, i + 5).toUpperCase() : 'FILE';
}
