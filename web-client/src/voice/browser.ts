/** The real browser behind VoiceSession's dependencies. */
import { api } from '../api/http';
import type { SocketLike } from '../gateway/GatewayClient';
import type { LevelMeter, VoiceDeps } from './VoiceSession';

export function browserDeps(): VoiceDeps {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  return {
    api: (path, opts) => api(path, opts),
    createSocket: (url) => new WebSocket(signalUrl(url)) as unknown as SocketLike,
    // no STUN/TURN: the node's candidates are in its offer, and it learns ours from the checks
    createPeerConnection: () => new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' }),
    getUserMedia: (c) => {
      if (!md?.getUserMedia) return Promise.reject(new Error('This browser has no microphone or camera access'));
      return md.getUserMedia(c);
    },
    getDisplayMedia: md?.getDisplayMedia ? (c) => md.getDisplayMedia(c) : undefined,
    enumerateDevices: md?.enumerateDevices ? () => md.enumerateDevices() : undefined,
    createCanvasTrack,
    createStream: (tracks) => new MediaStream(tracks),
    createLevelMeter,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id as number),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (id) => window.clearInterval(id as number),
    log: (...args) => console.debug(...args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a))),
  };
}

/** A page served over https talks wss to the same host, whatever scheme the API wrote. */
export function signalUrl(endpoint: string): string {
  if (typeof location !== 'undefined' && location.protocol === 'https:' && endpoint.startsWith('ws://')) {
    return 'wss://' + endpoint.slice(5);
  }
  return endpoint;
}

/** A synthetic screen: an animated canvas captured at 15 fps (when screen capture is unavailable). */
export function createCanvasTrack(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const ctx = canvas.getContext('2d')!;
  let frame = 0;
  const draw = () => {
    frame++;
    ctx.fillStyle = '#1e1f22';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#5865f2';
    const x = (frame * 8) % canvas.width;
    ctx.fillRect(x, 60, 120, 240);
    ctx.fillStyle = '#f2f3f5';
    ctx.font = '28px sans-serif';
    ctx.fillText(`Guildhall screen ${new Date().toISOString().slice(11, 19)}`, 24, 40);
  };
  draw();
  const timer = window.setInterval(draw, 66);
  const stream = (canvas as HTMLCanvasElement & { captureStream(fps?: number): MediaStream }).captureStream(15);
  const track = stream.getVideoTracks()[0];
  const stop = track.stop.bind(track);
  track.stop = () => {
    window.clearInterval(timer);
    stop();
  };
  return track;
}

let audioContext: AudioContext | null = null;

/** The microphone's loudness (RMS of the waveform, 0..1), for my own speaking ring. */
export function createLevelMeter(track: MediaStreamTrack): LevelMeter | null {
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return null;
  try {
    audioContext ??= new Ctx();
    void audioContext.resume().catch(() => undefined);
    const source = audioContext.createMediaStreamSource(new MediaStream([track]));
    const analyser = audioContext.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    return {
      level() {
        analyser.getFloatTimeDomainData(buf);
        let sum = 0;
        for (const v of buf) sum += v * v;
        return Math.sqrt(sum / buf.length);
      },
      close() {
        source.disconnect();
        analyser.disconnect();
      },
    };
  } catch {
    return null;
  }
}
