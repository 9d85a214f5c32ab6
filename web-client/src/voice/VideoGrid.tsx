import { useEffect, useRef } from 'react';
import { displayName } from '../app/hooks';
import { Avatar } from '../components/Avatar';
import { useStore } from '../store/store';
import type { VoiceState } from './types';
import { useVoice } from './voiceStore';
import './voice.css';

interface Tile {
  key: string;
  userId: string;
  kind: 'camera' | 'screen' | 'avatar';
  stream: MediaStream | null;
  local: boolean;
}

/**
 * The video grid of my voice channel: a tile per camera and screen share (mine included) and an
 * avatar tile for whoever shows neither; whoever speaks is highlighted.
 */
export function VideoGrid() {
  const session = useVoice((s) => s.session);
  const states = useVoice((s) => (s.session ? s.channels[s.session.channelId] : undefined));
  useStore((s) => s.users);
  useStore((s) => (session?.serverId ? s.members[session.serverId] : undefined));
  if (!session) return null;
  const tiles = buildTiles(session.userId, session.localCamera, session.localScreen, session.remote, states);
  const speaking = new Set(session.speaking);
  return (
    <section className="video-grid" aria-label="Voice and video">
      {tiles.map((t) => {
        const name = displayName(t.userId, session.serverId);
        const label = t.kind === 'avatar' ? name : `${name} ${t.kind}`;
        const isSpeaking = speaking.has(t.userId) && t.kind !== 'screen';
        const dominant = session.dominantSpeaker === t.userId && t.kind !== 'screen';
        return (
          <div
            key={t.key}
            role="group"
            aria-label={label}
            className={`video-tile ${t.kind} ${isSpeaking ? 'speaking' : ''} ${dominant ? 'dominant' : ''}`}
            data-user-id={t.userId}
            data-kind={t.kind}
            data-speaking={isSpeaking}
          >
            {t.stream ? (
              <VideoSink stream={t.stream} mirrored={t.local && t.kind === 'camera'} />
            ) : (
              <span className="video-tile-avatar">
                <Avatar id={t.userId} name={name} size={64} />
              </span>
            )}
            <span className="video-tile-name">{t.kind === 'screen' ? `${name} (screen)` : name}</span>
          </div>
        );
      })}
    </section>
  );
}

export function buildTiles(
  me: string,
  localCamera: MediaStream | null,
  localScreen: MediaStream | null,
  remote: { mid: string; userId: string; kind: string; stream: MediaStream }[],
  states: Record<string, VoiceState> | undefined,
): Tile[] {
  const tiles: Tile[] = [];
  const withVideo = new Set<string>();
  if (localCamera) {
    tiles.push({ key: 'local-camera', userId: me, kind: 'camera', stream: localCamera, local: true });
    withVideo.add(me);
  }
  if (localScreen) tiles.push({ key: 'local-screen', userId: me, kind: 'screen', stream: localScreen, local: true });
  for (const r of remote) {
    if (r.kind === 'audio') continue;
    const vs = states?.[r.userId];
    // the node forwards a source from the client's answer on; the voice state says whether it is on
    if (vs && ((r.kind === 'video' && !vs.self_video) || (r.kind === 'screen' && !vs.self_stream))) continue;
    if (!vs && states) continue; // they left
    const kind = r.kind === 'video' ? 'camera' : 'screen';
    tiles.push({ key: `${r.mid}-${r.userId}`, userId: r.userId, kind, stream: r.stream, local: false });
    if (kind === 'camera') withVideo.add(r.userId);
  }
  const people = new Set<string>([me, ...Object.keys(states ?? {})]);
  for (const u of people) {
    if (!withVideo.has(u)) tiles.push({ key: `avatar-${u}`, userId: u, kind: 'avatar', stream: null, local: u === me });
  }
  const order = { screen: 0, camera: 1, avatar: 2 };
  return tiles.sort((a, b) => order[a.kind] - order[b.kind] || (a.userId === me ? -1 : b.userId === me ? 1 : a.userId.localeCompare(b.userId)));
}

function VideoSink({ stream, mirrored }: { stream: MediaStream; mirrored: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.srcObject !== stream) el.srcObject = stream;
    void el.play?.()?.catch?.(() => undefined);
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted className={mirrored ? 'mirrored' : undefined} />;
}
