import { useRef, useState } from 'react';
import { errorText } from '../api/errors';
import { uploadImage } from '../app/uploads';
import { Avatar } from '../components/Avatar';
import '../components/files.css';

export const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/**
 * An avatar, server icon or group DM icon: the current picture, "Upload <what>" (a file picker), progress, and "Remove".
 * `apply` PATCHes the owner with the new upload id (or null to remove) and stores the answer.
 */
export function ImageUpload({
  what,
  purpose,
  id,
  name,
  url,
  apply,
}: {
  what: 'avatar' | 'server icon' | 'group icon';
  purpose: 'avatar' | 'icon';
  id: string;
  name: string;
  url: string | null | undefined;
  apply: (uploadId: string | null) => Promise<void>;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function pick(file: File | undefined) {
    if (!file) return;
    setError(null);
    if (!file.type.startsWith('image/')) return setError('Choose a PNG, JPEG, GIF or WebP image.');
    setProgress(0);
    try {
      const uploadId = await uploadImage(file, purpose, setProgress);
      await apply(uploadId);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setProgress(null);
    }
  }
  const label = what === 'avatar' ? 'Avatar' : what === 'server icon' ? 'Server icon' : 'Group icon';
  return (
    <div className="avatar-upload" role="group" aria-label={label}>
      <Avatar id={id} name={name} url={url} size={64} />
      <div>
        <button type="button" className="btn" disabled={progress !== null} onClick={() => input.current?.click()}>
          Upload {what}
        </button>{' '}
        {url && (
          <button type="button" className="btn secondary" disabled={progress !== null} onClick={() => void apply(null).catch((e) => setError(errorText(e)))}>
            Remove {what}
          </button>
        )}
        <input
          ref={input}
          type="file"
          accept={IMAGE_TYPES}
          hidden
          aria-label={`${label} image`}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {progress !== null && <progress className="upload-progress" max={100} value={Math.round(progress * 100)} aria-label={`Uploading ${what}`} />}
        {error && (
          <p className="form-error small" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
