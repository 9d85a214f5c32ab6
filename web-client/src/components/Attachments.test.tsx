import { encode } from 'blurhash';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../api/types';
import { Attachments, attachmentKind, formatBytes, linkExpired, previewBox, previewSource } from './Attachments';
import { stepIndex } from './Lightbox';

afterEach(cleanup);

const att = (over: Partial<Attachment>): Attachment => ({
  attachment_id: '1',
  filename: 'cat.png',
  description: null,
  content_type: 'image/png',
  size: 2048,
  url: 'http://localhost:8080/attachments/9/1/cat.png?ex=a&is=b&hm=c',
  proxy_url: 'http://localhost:8080/attachments/9/1/cat.png?ex=a&is=b&hm=c',
  width: 1600,
  height: 1200,
  thumbnail: null,
  placeholder: null,
  spoiler: false,
  ...over,
});

describe('attachment layout decisions', () => {
  it('renders raster images inline, plays video and audio, and shows everything else (SVG too) as a card', () => {
    expect(attachmentKind({ content_type: 'image/jpeg', filename: 'a.jpg' })).toBe('image');
    expect(attachmentKind({ content_type: 'image/webp; charset=x', filename: 'a' })).toBe('image');
    expect(attachmentKind({ content_type: 'image/svg+xml', filename: 'a.svg' })).toBe('file');
    expect(attachmentKind({ content_type: 'video/mp4', filename: 'a.mp4' })).toBe('video');
    expect(attachmentKind({ content_type: 'audio/ogg', filename: 'a.ogg' })).toBe('audio');
    expect(attachmentKind({ content_type: 'text/html', filename: 'a.html' })).toBe('file');
    expect(attachmentKind({ content_type: null, filename: 'a' })).toBe('file');
  });

  it('fits a preview in 400×300 with the aspect ratio kept and never upscales', () => {
    expect(previewBox(1600, 1200)).toEqual({ width: 400, height: 300 });
    expect(previewBox(1200, 2400)).toEqual({ width: 150, height: 300 });
    expect(previewBox(100, 50)).toEqual({ width: 100, height: 50 });
    expect(previewBox(null, null)).toEqual({ width: 300, height: 200 });
  });

  it('loads the thumbnail first and the file only when there is none; unsafe URLs never reach src', () => {
    expect(previewSource(att({ thumbnail: { url: 'http://h/t.webp', width: 400, height: 300 } }))).toBe('http://h/t.webp');
    expect(previewSource(att({}))).toContain('/attachments/9/1/cat.png');
    expect(previewSource(att({ url: 'javascript:alert(1)', proxy_url: null }))).toBe('');
  });

  it('knows when a signed link has expired (hex seconds in ex)', () => {
    const at = Date.UTC(2026, 0, 1) ;
    const ex = (Math.floor(at / 1000) + 60).toString(16);
    expect(linkExpired(`http://h/attachments/1/2/a.png?ex=${ex}&is=0&hm=x`, at)).toBe(false);
    expect(linkExpired(`http://h/attachments/1/2/a.png?ex=${ex}&is=0&hm=x`, at + 61_000)).toBe(true);
    expect(linkExpired('http://h/avatars/1.png', at)).toBe(false);
  });

  it('formats sizes like a file manager', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
  });

  it('walks the lightbox\'s images with wrap-around', () => {
    expect(stepIndex(0, -1, 3)).toBe(2);
    expect(stepIndex(2, 1, 3)).toBe(0);
    expect(stepIndex(1, 1, 3)).toBe(2);
  });
});

describe('<Attachments>', () => {
  it('shows the BlurHash placeholder until the lazily loaded image arrives', () => {
    const pixels = new Uint8ClampedArray(4 * 4 * 4).fill(200);
    const hash = encode(pixels, 4, 4, 3, 3);
    const { container } = render(<Attachments channelId="9" attachments={[att({ placeholder: hash, thumbnail: { url: 'http://h/t.webp', width: 400, height: 300 } })]} />);
    const img = screen.getByRole('img', { name: 'cat.png' });
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('src')).toBe('http://h/t.webp');
    expect(container.querySelector(`canvas[data-blurhash="${hash}"]`)).not.toBeNull();
    act(() => {
      fireEvent.load(img);
    });
    expect(container.querySelector('canvas.blurhash')).toBeNull();
  });

  it('falls back to a plain box when there is no placeholder yet', () => {
    const { container } = render(<Attachments channelId="9" attachments={[att({})]} />);
    expect(container.querySelector('.image-skeleton')).not.toBeNull();
    expect(container.querySelector('canvas')).toBeNull();
  });

  it('shows other files as a card with name, size and a download link', () => {
    render(<Attachments channelId="9" attachments={[att({ filename: 'report.pdf', content_type: 'application/pdf', size: 3 * 1024 * 1024 })]} />);
    const card = screen.getByRole('group', { name: 'File report.pdf' });
    expect(card.textContent).toContain('3.0 MB');
    const download = screen.getByRole('link', { name: 'Download report.pdf' });
    expect(download.getAttribute('download')).toBe('report.pdf');
    expect(download.getAttribute('href')).toContain('/attachments/9/1/');
  });

  it('plays video and audio with the browser\'s controls', () => {
    const { container } = render(
      <Attachments
        channelId="9"
        attachments={[
          att({ attachment_id: '2', filename: 'clip.mp4', content_type: 'video/mp4', thumbnail: { url: 'http://h/poster.webp', width: 400, height: 300 } }),
          att({ attachment_id: '3', filename: 'talk.ogg', content_type: 'audio/ogg', width: null, height: null }),
        ]}
      />,
    );
    const video = container.querySelector('video')!;
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.getAttribute('poster')).toBe('http://h/poster.webp');
    expect(video.getAttribute('preload')).toBe('metadata');
    const audio = container.querySelector('audio')!;
    expect(audio.hasAttribute('controls')).toBe(true);
    expect(screen.getByRole('link', { name: 'Download talk.ogg' })).toBeTruthy();
  });

  it('keeps a spoiler blurred and inert until it is clicked', () => {
    const { container } = render(<Attachments channelId="9" attachments={[att({ spoiler: true })]} />);
    expect(container.querySelector('.spoiler .spoiler-blur')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Open image cat.png' })).toBeNull(); // inert: not reachable
    fireEvent.click(screen.getByRole('button', { name: 'Reveal spoiler cat.png' }));
    expect(container.querySelector('.spoiler-blur')).toBeNull();
    expect(screen.getByRole('button', { name: 'Open image cat.png' })).toBeTruthy();
  });

  it('opens the full file in a lightbox on click and closes it with Escape', async () => {
    render(<Attachments channelId="9" attachments={[att({ thumbnail: { url: 'http://h/t.webp', width: 400, height: 300 } })]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open image cat.png' }));
    const dialog = await screen.findByRole('dialog', { name: 'Image viewer' });
    expect(dialog.querySelector('img')!.getAttribute('src')).toContain('/attachments/9/1/cat.png');
    // its effects (focus, then the key listener) may run after the dialog is found: wait for them, as a user's
    // keypress comes after the viewer has opened
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Image viewer' })).toBeNull();
  });
});
