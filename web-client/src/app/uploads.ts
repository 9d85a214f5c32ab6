/**
 * Files staged above the composer and uploaded at once (ADR 203): `POST /channels/{id}/attachments` for
 * their upload URLs, then one `PUT` of the bytes each through XMLHttpRequest (fetch reports no upload
 * progress). Sending waits for the uploads and names them by `upload_id`. The network parts are injected, so
 * the queue's logic is tested without a server.
 */
import { api, enc } from '../api/http';
import { ApiError, errorText } from '../api/errors';
import type { UploadTarget } from '../api/types';

export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type UploadStatus = 'uploading' | 'done' | 'failed' | 'cancelled';

export interface StagedFile {
  key: string;
  file: Blob;
  filename: string;
  size: number;
  contentType: string;
  /** Bytes sent so far (of `size`). */
  loaded: number;
  status: UploadStatus;
  error?: string;
  uploadId?: string;
  spoiler: boolean;
  description: string;
}

/** How a message send names a staged file (AttachmentRequests.Ref). */
export interface AttachmentRef {
  upload_id: string;
  filename: string;
  description?: string;
  spoiler?: boolean;
}

export interface FileSpec {
  filename: string;
  size: number;
  content_type: string;
}

export interface UploadTransport {
  /** The upload targets for these files, in order. */
  targets(channelId: string, files: FileSpec[]): Promise<UploadTarget[]>;
  /** PUTs the bytes; reports progress; rejects with an AbortError when `signal` aborts. */
  put(url: string, body: Blob, contentType: string, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<void>;
  /** Tells the server a reserved upload is cancelled, so its object goes now rather than at the 24 h sweep. */
  cancel?(channelId: string, uploadId: string): Promise<void>;
}

/** The fraction of a file that is uploaded, 0..1 (an empty file is done when its PUT answered). */
export function progressOf(f: Pick<StagedFile, 'loaded' | 'size' | 'status'>): number {
  if (f.status === 'done') return 1;
  if (f.size <= 0) return 0;
  return Math.min(1, f.loaded / f.size);
}

export function contentTypeOf(file: Blob & { name?: string }): string {
  return file.type && file.type.trim() ? file.type : 'application/octet-stream';
}

/** A pasted image has no useful name ("image.png" at best): give it a unique one. */
export function nameOf(file: Blob & { name?: string }, now = new Date()): string {
  const name = (file.name ?? '').trim();
  if (name && name !== 'image.png') return name;
  const ext = (file.type.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/gi, '') || 'bin';
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `pasted-${stamp}.${ext}`;
}

let keys = 0;

/** The staged files of one channel. Immutable snapshots for React (`useSyncExternalStore`). */
export class UploadQueue {
  private items: StagedFile[] = [];
  private readonly aborts = new Map<string, AbortController>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  /** The last problem that is not about one file (too many files). */
  notice: string | null = null;

  constructor(
    private readonly channelId: string,
    private readonly transport: UploadTransport,
  ) {}

  snapshot = (): StagedFile[] => this.items;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit() {
    for (const l of this.listeners) l();
  }

  private update(key: string, patch: Partial<StagedFile>) {
    this.items = this.items.map((f) => (f.key === key ? { ...f, ...patch } : f));
    this.emit();
  }

  /** Stages files and starts uploading them; files beyond the 10 of a message are refused with a notice. */
  add(files: (Blob & { name?: string })[]): StagedFile[] {
    const room = MAX_FILES - this.items.filter((f) => f.status !== 'cancelled').length;
    const taken = files.slice(0, Math.max(0, room));
    this.notice = taken.length < files.length ? `You can attach at most ${MAX_FILES} files to a message.` : null;
    const staged: StagedFile[] = taken.map((file) => ({
      key: `u${++keys}`,
      file,
      filename: nameOf(file),
      size: file.size,
      contentType: contentTypeOf(file),
      loaded: 0,
      status: 'uploading',
      spoiler: false,
      description: '',
    }));
    this.items = [...this.items, ...staged];
    this.emit();
    const tooBig = staged.filter((f) => f.size > MAX_FILE_BYTES);
    for (const f of tooBig) this.update(f.key, { status: 'failed', error: `${f.filename} is larger than 25 MB.` });
    const ok = staged.filter((f) => f.size <= MAX_FILE_BYTES);
    if (ok.length > 0) {
      const batch = this.start(ok);
      for (const f of ok) this.running.set(f.key, batch);
    }
    return staged;
  }

  private async start(files: StagedFile[]): Promise<void> {
    const controllers = files.map((f) => {
      const c = new AbortController();
      this.aborts.set(f.key, c);
      return c;
    });
    let targets: UploadTarget[];
    try {
      targets = await this.transport.targets(
        this.channelId,
        files.map((f) => ({ filename: f.filename, size: f.size, content_type: f.contentType })),
      );
    } catch (e) {
      for (const f of files) if (this.get(f.key)?.status === 'uploading') this.update(f.key, { status: 'failed', error: errorText(e) });
      return;
    }
    await Promise.all(
      files.map(async (f, i) => {
        const target = targets[i];
        const signal = controllers[i].signal;
        if (!target) return;
        if (signal.aborted) return this.cancelOnServer(target.upload_id); // removed while the targets were asked for
        this.update(f.key, { uploadId: target.upload_id });
        try {
          await this.transport.put(target.upload_url, f.file, f.contentType, (loaded) => {
            if (this.get(f.key)?.status === 'uploading') this.update(f.key, { loaded });
          }, signal);
          if (this.get(f.key)?.status === 'uploading') this.update(f.key, { status: 'done', loaded: f.size });
        } catch (e) {
          if (signal.aborted) return;
          this.update(f.key, { status: 'failed', error: errorText(e) });
        } finally {
          this.aborts.delete(f.key);
        }
      }),
    );
  }

  get(key: string): StagedFile | undefined {
    return this.items.find((f) => f.key === key);
  }

  /** Stops an upload (or forgets a finished one): the file leaves the tray and the server deletes it (ADR 233). */
  remove(key: string) {
    const uploadId = this.get(key)?.uploadId;
    if (uploadId) this.cancelOnServer(uploadId);
    this.aborts.get(key)?.abort();
    this.aborts.delete(key);
    this.running.delete(key);
    this.items = this.items.filter((f) => f.key !== key);
    this.emit();
  }

  /** Best effort: an upload the server does not hear of is still swept after 24 h. */
  private cancelOnServer(uploadId: string) {
    void this.transport.cancel?.(this.channelId, uploadId).catch(() => undefined);
  }

  setSpoiler(key: string, spoiler: boolean) {
    this.update(key, { spoiler });
  }

  setDescription(key: string, description: string) {
    this.update(key, { description: description.slice(0, 1024) });
  }

  get busy(): boolean {
    return this.items.some((f) => f.status === 'uploading');
  }

  /** Resolves once no staged file is still uploading. */
  async settled(): Promise<void> {
    while (this.busy) await Promise.all([...this.running.values()]);
  }

  /** What a send names, or an error when a staged file did not upload. */
  refs(): { refs: AttachmentRef[]; error: string | null } {
    const failed = this.items.find((f) => f.status === 'failed');
    if (failed) return { refs: [], error: failed.error ?? `${failed.filename} did not upload.` };
    const refs = this.items
      .filter((f) => f.status === 'done' && f.uploadId)
      .map((f) => {
        const ref: AttachmentRef = { upload_id: f.uploadId!, filename: f.filename };
        if (f.description.trim()) ref.description = f.description.trim();
        if (f.spoiler) ref.spoiler = true;
        return ref;
      });
    return { refs, error: null };
  }

  /** After a send: the tray empties (uploads still running are stopped). */
  clear() {
    for (const c of this.aborts.values()) c.abort();
    this.aborts.clear();
    this.running.clear();
    this.items = [];
    this.notice = null;
    this.emit();
  }
}

/** PUT through XMLHttpRequest for its upload progress events; no Authorization: the URL is signed. */
export function xhrPut(url: string, body: Blob, contentType: string, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let data: Record<string, unknown> | null = null;
      try {
        data = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        data = null;
      }
      reject(new ApiError(xhr.status, data, xhr.getResponseHeader('Retry-After')));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export const httpTransport: UploadTransport = {
  targets: (channelId, files) => api<UploadTarget[]>(`/channels/${enc(channelId)}/attachments`, { method: 'POST', body: { files } }),
  put: xhrPut,
  cancel: (channelId, uploadId) => api<void>(`/channels/${enc(channelId)}/attachments/${enc(uploadId)}`, { method: 'DELETE' }),
};

const queues = new Map<string, UploadQueue>();

/** The one queue of a channel: staged files stay while the user looks at another channel. */
export function uploadsFor(channelId: string): UploadQueue {
  let q = queues.get(channelId);
  if (!q) {
    q = new UploadQueue(channelId, httpTransport);
    queues.set(channelId, q);
  }
  return q;
}

export function resetUploads() {
  for (const q of queues.values()) q.clear();
  queues.clear();
}

/** An avatar or server icon: `POST /uploads {purpose}`, PUT the bytes, then hand back the upload id. */
export async function uploadImage(file: Blob & { name?: string }, purpose: 'avatar' | 'icon', onProgress: (fraction: number) => void = () => {}): Promise<string> {
  const contentType = contentTypeOf(file);
  const target = await api<UploadTarget>('/uploads', {
    method: 'POST',
    body: { filename: nameOf(file), size: file.size, content_type: contentType, purpose },
  });
  await xhrPut(target.upload_url, file, contentType, (loaded) => onProgress(file.size ? loaded / file.size : 1), new AbortController().signal);
  return target.upload_id;
}

/**
 * What a send attaches: waits for the channel's running uploads, then names them. An error (a file that did
 * not upload) leaves the tray as it is, so the user can remove the file and send again.
 */
export async function takeAttachments(channelId: string): Promise<{ refs: AttachmentRef[]; error: string | null }> {
  const q = queues.get(channelId);
  if (!q || q.snapshot().length === 0) return { refs: [], error: null };
  await q.settled();
  const r = q.refs();
  if (!r.error) q.clear();
  return r;
}

export function hasStaged(channelId: string): boolean {
  return (queues.get(channelId)?.snapshot().length ?? 0) > 0;
}
