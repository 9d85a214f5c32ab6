import { describe, expect, it } from 'vitest';
import type { UploadTarget } from '../api/types';
import { MAX_FILE_BYTES, MAX_FILES, UploadQueue, type UploadTransport, nameOf, progressOf } from './uploads';

/** A transport whose PUTs the test drives by hand: progress, finish, fail; aborts are recorded. */
function fakeTransport() {
  const puts: { url: string; progress: (n: number) => void; finish: () => void; fail: (e: Error) => void; signal: AbortSignal }[] = [];
  const asked: { channelId: string; files: unknown[] }[] = [];
  const cancelled: string[] = [];
  let refuse: Error | null = null;
  const transport: UploadTransport = {
    async targets(channelId, files) {
      asked.push({ channelId, files });
      if (refuse) throw refuse;
      return files.map((_, i): UploadTarget => ({ upload_id: `up${asked.length}-${i}`, upload_url: `/attachments/c/${i}?hm=x`, expires_at: '' }));
    },
    put(url, _body, _type, onProgress, signal) {
      return new Promise((resolve, reject) => {
        puts.push({ url, progress: onProgress, finish: () => resolve(), fail: reject, signal });
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    },
    async cancel(channelId, uploadId) {
      cancelled.push(`${channelId}/${uploadId}`);
    },
  };
  return { transport, puts, asked, cancelled, refuseWith: (e: Error) => (refuse = e) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const file = (name: string, size: number, type = 'image/png') => Object.assign(new Blob([new Uint8Array(size)], { type }), { name });

describe('UploadQueue', () => {
  it('asks for targets of every staged file in order and reports each PUT\'s progress', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    q.add([file('a.png', 1000), file('notes.txt', 10, '')]);
    await tick();
    expect(t.asked[0]).toEqual({
      channelId: 'c1',
      files: [
        { filename: 'a.png', size: 1000, content_type: 'image/png' },
        { filename: 'notes.txt', size: 10, content_type: 'application/octet-stream' },
      ],
    });
    expect(t.puts.map((p) => p.url)).toEqual(['/attachments/c/0?hm=x', '/attachments/c/1?hm=x']);
    t.puts[0].progress(250);
    expect(progressOf(q.snapshot()[0])).toBe(0.25);
    expect(q.busy).toBe(true);
    t.puts[0].finish();
    t.puts[1].finish();
    await q.settled();
    expect(q.snapshot().map((f) => [f.status, progressOf(f)])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
  });

  it('a send names the finished uploads with description and spoiler, and nothing else', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    const [a, b] = q.add([file('a.png', 5), file('b.png', 5)]);
    await tick();
    q.setSpoiler(a.key, true);
    q.setDescription(b.key, '  a cat  ');
    t.puts.forEach((p) => p.finish());
    await q.settled();
    expect(q.refs()).toEqual({
      refs: [
        { upload_id: 'up1-0', filename: 'a.png', spoiler: true },
        { upload_id: 'up1-1', filename: 'b.png', description: 'a cat' },
      ],
      error: null,
    });
  });

  it('cancel aborts the running PUT and takes the file out of the tray; the others go on', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    const [a] = q.add([file('big.png', 100), file('small.png', 5)]);
    await tick();
    q.remove(a.key);
    expect(t.puts[0].signal.aborted).toBe(true);
    expect(t.cancelled).toEqual(['c1/up1-0']);
    expect(q.snapshot().map((f) => f.filename)).toEqual(['small.png']);
    t.puts[1].finish();
    await q.settled();
    expect(q.refs().refs.map((r) => r.filename)).toEqual(['small.png']);
  });

  it('a file removed before its target arrived is cancelled on the server once the target is known', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    const [a] = q.add([file('quick.png', 5)]);
    q.remove(a.key);
    await tick();
    expect(t.puts).toHaveLength(0);
    expect(t.cancelled).toEqual(['c1/up1-0']);
  });

  it('a failed PUT blocks the send with its error until the file is removed', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    const [a] = q.add([file('a.png', 5)]);
    await tick();
    t.puts[0].fail(new Error('boom'));
    await q.settled();
    expect(q.snapshot()[0].status).toBe('failed');
    expect(q.refs().error).toBeTruthy();
    q.remove(a.key);
    expect(q.refs()).toEqual({ refs: [], error: null });
  });

  it('a refused target request (no ATTACH_FILES) fails every file of the batch', async () => {
    const t = fakeTransport();
    t.refuseWith(new Error('Missing permissions'));
    const q = new UploadQueue('c1', t.transport);
    q.add([file('a.png', 5), file('b.png', 5)]);
    await q.settled();
    expect(q.snapshot().map((f) => f.status)).toEqual(['failed', 'failed']);
    expect(t.puts).toHaveLength(0);
  });

  it('refuses more than 10 files and files over 25 MB without asking the server', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    q.add(Array.from({ length: MAX_FILES + 2 }, (_, i) => file(`f${i}.png`, 1)));
    expect(q.snapshot()).toHaveLength(MAX_FILES);
    expect(q.notice).toMatch(/at most 10/);
    q.clear();
    const huge = { size: MAX_FILE_BYTES + 1, type: 'video/mp4', name: 'huge.mp4' } as unknown as Blob;
    q.add([huge]);
    await q.settled();
    expect(q.snapshot()[0]).toMatchObject({ status: 'failed', error: 'huge.mp4 is larger than 25 MB.' });
    expect(t.asked).toHaveLength(1); // only the first batch asked
  });

  it('clear after a send empties the tray and stops what still runs', async () => {
    const t = fakeTransport();
    const q = new UploadQueue('c1', t.transport);
    q.add([file('a.png', 5)]);
    await tick();
    q.clear();
    expect(t.puts[0].signal.aborted).toBe(true);
    expect(q.snapshot()).toEqual([]);
  });
});

describe('nameOf', () => {
  it('keeps a real name and gives a pasted image a unique one', () => {
    expect(nameOf(file('cat.jpg', 1, 'image/jpeg'))).toBe('cat.jpg');
    const pasted = Object.assign(new Blob([], { type: 'image/png' }), { name: 'image.png' });
    expect(nameOf(pasted, new Date('2026-12-06T12:34:56Z'))).toBe('pasted-20261206-123456.png');
  });
});
