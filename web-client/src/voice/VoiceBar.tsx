import { useEffect, useRef, useState } from 'react';
import { errorText } from '../api/errors';
import { useStore } from '../store/store';
import type { RemoteSource } from './VoiceSession';
import { VoiceIcon } from './VoiceIcon';
import { currentSession, dismissJoinError, leaveVoice, loadPrefs, savePrefs, useVoice } from './voiceStore';
import './voice.css';

const STATUS_TEXT: Record<string, string> = {
  idle: 'Connecting…',
  joining: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Voice connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
  failed: 'Connection failed',
};

/** The voice bar above the user panel: state, quality, mute, deafen, camera, screen, settings, disconnect. */
export function VoiceBar() {
  const session = useVoice((s) => s.session);
  const joinError = useVoice((s) => s.joinError);
  const channel = useStore((s) => (session ? s.channels[session.channelId] : undefined));
  const [error, setError] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  usePushToTalk(!!session?.pushToTalk);

  if (!session) {
    if (!joinError) return null;
    return (
      <section className="voice-bar" aria-label="Voice">
        <p className="voice-error" role="alert">
          {joinError}
        </p>
        <button type="button" className="btn small secondary" onClick={dismissJoinError}>
          Dismiss
        </button>
      </section>
    );
  }

  const act = (fn: (s: NonNullable<ReturnType<typeof currentSession>>) => Promise<void> | void) => async () => {
    const s = currentSession();
    if (!s) return;
    setError(null);
    try {
      await fn(s);
    } catch (e) {
      setError(errorText(e) || (e as Error).message);
    }
  };

  const muted = session.selfMute || session.selfDeaf;
  const q = session.quality;
  const qualityLabel =
    `Connection quality: ${q}` +
    (session.rttMs !== null ? `, ${session.rttMs} ms` : '') +
    (session.lossPct !== null ? `, ${session.lossPct}% loss` : '');

  return (
    <section className="voice-bar" aria-label="Voice">
      <div className="voice-bar-top">
        <span className={`voice-quality q-${q}`} role="img" aria-label={qualityLabel} title={qualityLabel}>
          <VoiceIcon name="signal" size={16} />
        </span>
        <div className="voice-bar-info">
          <div className={`voice-status status-${session.status}`} role="status">
            {STATUS_TEXT[session.status] ?? session.status}
          </div>
          <div className="voice-channel-name muted">{channel?.channel_name ?? 'Voice'}</div>
        </div>
        <button type="button" className="icon-btn" aria-label="Voice settings" title="Voice settings" aria-expanded={settingsOpen} onClick={() => setSettingsOpen((o) => !o)}>
          <VoiceIcon name="settings" />
        </button>
        <button type="button" className="icon-btn danger" aria-label="Disconnect" title="Disconnect" onClick={() => void leaveVoice()}>
          <VoiceIcon name="hangup" />
        </button>
      </div>
      <div className="voice-bar-buttons">
        <button
          type="button"
          className={`icon-btn ${muted ? 'off' : ''}`}
          aria-label={muted ? 'Unmute' : 'Mute'}
          aria-pressed={muted}
          title={session.serverMute ? 'Muted by a moderator' : muted ? 'Unmute' : 'Mute'}
          onClick={act((s) => s.setMute(!muted))}
        >
          <VoiceIcon name={muted || session.serverMute ? 'mic-off' : 'mic'} />
        </button>
        <button
          type="button"
          className={`icon-btn ${session.selfDeaf ? 'off' : ''}`}
          aria-label={session.selfDeaf ? 'Undeafen' : 'Deafen'}
          aria-pressed={session.selfDeaf}
          title={session.selfDeaf ? 'Undeafen' : 'Deafen'}
          onClick={act((s) => s.setDeaf(!session.selfDeaf))}
        >
          <VoiceIcon name={session.selfDeaf || session.serverDeaf ? 'headphones-off' : 'headphones'} />
        </button>
        <button
          type="button"
          className={`icon-btn ${session.selfVideo ? 'on' : ''}`}
          aria-label={session.selfVideo ? 'Turn off camera' : 'Turn on camera'}
          aria-pressed={session.selfVideo}
          title={session.selfVideo ? 'Turn off camera' : 'Turn on camera'}
          onClick={act((s) => s.setCamera(!session.selfVideo))}
        >
          <VoiceIcon name="camera" />
        </button>
        <button
          type="button"
          className={`icon-btn ${session.selfStream ? 'on' : ''}`}
          aria-label={session.selfStream ? 'Stop sharing' : 'Share screen'}
          aria-pressed={session.selfStream}
          title={session.selfStream ? 'Stop sharing' : 'Share screen'}
          onClick={act((s) => s.setScreen(!session.selfStream))}
        >
          <VoiceIcon name="screen" />
        </button>
        {session.pushToTalk && (
          <span className={`ptt-hint ${session.pttPressed ? 'active' : ''}`} aria-live="polite">
            {session.pttPressed ? 'Talking' : 'Push to talk'}
          </span>
        )}
      </div>
      {error && (
        <p className="voice-error" role="alert">
          {error}
        </p>
      )}
      {settingsOpen && <VoiceSettings onClose={() => setSettingsOpen(false)} />}
      <RemoteAudio sources={session.remote} deaf={session.selfDeaf || session.serverDeaf} />
    </section>
  );
}

/** One <audio autoplay> per remote audio source; deafened = all of them muted. */
function RemoteAudio({ sources, deaf }: { sources: RemoteSource[]; deaf: boolean }) {
  const output = loadPrefs().audioOutputId;
  return (
    <div className="voice-audio" hidden>
      {sources
        .filter((s) => s.kind === 'audio')
        .map((s) => (
          <AudioSink key={s.mid + s.track.id} source={s} muted={deaf} sinkId={output} />
        ))}
    </div>
  );
}

function AudioSink({ source, muted, sinkId }: { source: RemoteSource; muted: boolean; sinkId: string | null }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== source.stream) el.srcObject = source.stream;
    void el.play?.()?.catch?.(() => undefined);
  }, [source.stream]);
  useEffect(() => {
    const el = ref.current as (HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> }) | null;
    if (el && sinkId && el.setSinkId) void el.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);
  return <audio ref={ref} autoPlay muted={muted} data-user-id={source.userId} data-mid={source.mid} />;
}

/** Device selection and push-to-talk. */
function VoiceSettings({ onClose }: { onClose: () => void }) {
  const session = useVoice((s) => s.session);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [prefs, setPrefs] = useState(loadPrefs);
  useEffect(() => {
    void currentSession()?.listDevices().then(setDevices).catch(() => undefined);
  }, []);
  if (!session) return null;
  const of = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind);
  const update = (patch: Partial<typeof prefs>) => {
    savePrefs(patch);
    setPrefs((p) => ({ ...p, ...patch }));
  };
  return (
    <div className="voice-settings" role="dialog" aria-label="Voice settings">
      <label>
        Microphone
        <select
          value={session.audioInputId ?? ''}
          onChange={(e) => {
            update({ audioInputId: e.target.value || null });
            if (e.target.value) void currentSession()?.setAudioInput(e.target.value);
          }}
        >
          <option value="">Default</option>
          {of('audioinput').map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `Microphone ${i + 1}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Camera
        <select
          value={session.videoInputId ?? ''}
          onChange={(e) => {
            update({ videoInputId: e.target.value || null });
            if (e.target.value) void currentSession()?.setVideoInput(e.target.value);
          }}
        >
          <option value="">Default</option>
          {of('videoinput').map((d, i) => (
            <option key={d.deviceId || i} value={d.deviceId}>
              {d.label || `Camera ${i + 1}`}
            </option>
          ))}
        </select>
      </label>
      {of('audiooutput').length > 0 && (
        <label>
          Output
          <select value={prefs.audioOutputId ?? ''} onChange={(e) => update({ audioOutputId: e.target.value || null })}>
            <option value="">Default</option>
            {of('audiooutput').map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Speaker ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={session.pushToTalk}
          onChange={(e) => {
            update({ pushToTalk: e.target.checked });
            currentSession()?.setPushToTalk(e.target.checked);
          }}
        />{' '}
        Push to talk (hold <kbd>{prefs.pttKey === 'Backquote' ? '`' : prefs.pttKey}</kbd>)
      </label>
      <button type="button" className="btn small secondary" onClick={onClose}>
        Done
      </button>
    </div>
  );
}

/** Holding the push-to-talk key (outside text fields) transmits. */
function usePushToTalk(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const key = loadPrefs().pttKey;
    const typing = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    };
    const down = (e: KeyboardEvent) => {
      if (e.code === key && !typing(e)) currentSession()?.setPttPressed(true);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === key) currentSession()?.setPttPressed(false);
    };
    const blur = () => currentSession()?.setPttPressed(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [enabled]);
}
