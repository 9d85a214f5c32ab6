import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketLike } from '../gateway/GatewayClient';
import { type VoiceDeps, VoiceSession, classifyQuality } from './VoiceSession';

// ---- fakes ----------------------------------------------------------------------------------

let nextId = 0;

class FakeTrack {
  id = `t${++nextId}`;
  enabled = true;
  stopped = false;
  onended: (() => void) | null = null;
  constructor(public kind: string, public label = '') {}
  stop() {
    this.stopped = true;
  }
  getSettings() {
    return { deviceId: this.label || 'default' };
  }
}

function stream(...tracks: FakeTrack[]) {
  return {
    tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  } as unknown as MediaStream;
}

class FakeSocket implements SocketLike {
  sent: { op: string; d: unknown }[] = [];
  closed: { code?: number } | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(public url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closed = { code };
  }
  open() {
    this.onopen?.({});
  }
  frame(op: string, d: unknown) {
    this.onmessage?.({ data: JSON.stringify({ op, d }) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
  ops() {
    return this.sent.map((f) => f.op);
  }
}

class FakeTransceiver {
  direction: string;
  sender: { track: FakeTrack | null; replaceTrack: (t: FakeTrack | null) => Promise<void>; getStats: () => Promise<Map<string, unknown>> };
  receiver: { track: FakeTrack; getStats: () => Promise<Map<string, unknown>> };
  constructor(public mid: string, kind: string, offered: string, pc: FakePc) {
    this.direction = offered === 'recvonly' ? 'recvonly' : 'recvonly';
    const sender = {
      track: null as FakeTrack | null,
      replaceTrack: async (t: FakeTrack | null) => {
        sender.track = t;
      },
      getStats: async () => new Map<string, unknown>([['o', { type: 'outbound-rtp', packetsSent: pc.sentPackets[mid] ?? 0, bytesSent: 0 }]]),
    };
    this.sender = sender;
    this.receiver = {
      track: new FakeTrack(kind),
      getStats: async () => new Map<string, unknown>([['i', { type: 'inbound-rtp', packetsReceived: pc.received[mid] ?? 42, bytesReceived: 4200, audioLevel: kind === 'audio' ? 0.3 : undefined, framesDecoded: kind === 'video' ? 7 : undefined, lastPacketReceivedTimestamp: 1_000, concealedSamples: kind === 'audio' ? 960 : undefined }]]),
    };
  }
}

class FakePc {
  transceivers: FakeTransceiver[] = [];
  remote: string[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  candidates: unknown[] = [];
  connectionState = 'new';
  closed = false;
  sentPackets: Record<string, number> = {};
  /** Inbound packets per mid (42 when not set). */
  received: Record<string, number> = {};
  onicecandidate: ((e: { candidate: { candidate: string; sdpMid: string } | null }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  ontrack: (() => void) | null = null;
  async setRemoteDescription(d: { sdp: string }) {
    this.remote.push(d.sdp);
    let kind = '';
    for (const line of d.sdp.split('\n')) {
      if (line.startsWith('m=')) kind = line.slice(2).split(' ')[0];
      const mid = line.match(/^a=mid:(\S+)/)?.[1];
      if (mid && !this.transceivers.some((t) => t.mid === mid)) this.transceivers.push(new FakeTransceiver(mid, kind, 'recvonly', this));
    }
  }
  async createAnswer() {
    const sdp = this.transceivers.map((t) => `${t.mid}:${t.direction}:${t.sender.track?.id ?? '-'}`).join(' ');
    return { type: 'answer', sdp };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = d;
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  getTransceivers() {
    return this.transceivers;
  }
  async getStats() {
    return new Map<string, unknown>([
      ['p', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.02 }],
      ['i', { type: 'inbound-rtp', packetsLost: 0, packetsReceived: 100 }],
    ]);
  }
  close() {
    this.closed = true;
  }
  setState(s: string) {
    this.connectionState = s;
    this.onconnectionstatechange?.();
  }
}

interface ApiCall {
  path: string;
  method: string;
  body?: unknown;
}

function offer(...mids: [string, string][]) {
  return ['v=0', ...mids.flatMap(([kind, mid]) => [`m=${kind} 9 UDP/TLS/RTP/SAVPF 111`, `a=mid:${mid}`])].join('\n');
}
const UPLINKS = offer(['audio', 'audio'], ['video', 'video'], ['video', 'screen']);

function setup(opts: { joinError?: unknown; displayFails?: boolean; screenSource?: 'display' | 'canvas' | 'auto' } = {}) {
  const sockets: FakeSocket[] = [];
  const pcs: FakePc[] = [];
  const calls: ApiCall[] = [];
  const timers: { fn: () => void; ms: number; id: number; repeat: boolean }[] = [];
  let joins = 0;
  let timerId = 0;
  const mics: FakeTrack[] = [];
  const cams: FakeTrack[] = [];
  const canvases: FakeTrack[] = [];
  const deps: VoiceDeps = {
    api: async <T,>(path: string, o?: { method?: string; body?: unknown }) => {
      calls.push({ path, method: o?.method ?? 'GET', body: o?.body });
      if (path.endsWith('/voice/join')) {
        if (opts.joinError) throw opts.joinError;
        joins++;
        return { voice_token: `tok${joins}`, endpoint: `ws://gw/media/n1/signal#${joins}`, session_id: `s${joins}`, node_id: 'n1' } as T;
      }
      return undefined as T;
    },
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    createPeerConnection: () => {
      const pc = new FakePc();
      pcs.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    getUserMedia: async (c) => {
      if (c.video) {
        const t = new FakeTrack('video');
        cams.push(t);
        return stream(t);
      }
      const deviceId = ((c.audio as MediaTrackConstraints)?.deviceId as { exact?: string } | undefined)?.exact ?? '';
      const t = new FakeTrack('audio', deviceId);
      mics.push(t);
      return stream(t);
    },
    getDisplayMedia: async () => {
      if (opts.displayFails) throw new Error('NotAllowedError');
      return stream(new FakeTrack('video', 'display'));
    },
    createCanvasTrack: () => {
      const t = new FakeTrack('video', 'canvas');
      canvases.push(t);
      return t as unknown as MediaStreamTrack;
    },
    createStream: (tracks) => ({ tracks }) as unknown as MediaStream,
    setTimeout: (fn, ms) => {
      timers.push({ fn, ms, id: ++timerId, repeat: false });
      return timerId;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    setInterval: (fn, ms) => {
      timers.push({ fn, ms, id: ++timerId, repeat: true });
      return timerId;
    },
    clearInterval: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const session = new VoiceSession(deps, { channelId: 'c1', serverId: 'g1', userId: 'me', screenSource: opts.screenSource ?? 'display' });
  const runTimeouts = () => {
    const due = timers.filter((t) => !t.repeat);
    for (const t of due) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  const runIntervals = (ms: number) => {
    for (const t of timers.filter((x) => x.repeat && x.ms === ms)) t.fn();
  };
  return { session, sockets, pcs, calls, timers, runTimeouts, runIntervals, mics, cams, canvases };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

async function joined(opts?: Parameters<typeof setup>[0]) {
  const t = setup(opts);
  await t.session.join();
  const ws = t.sockets[0];
  ws.open();
  ws.frame('ready', { session_id: 's1', user_id: 'me' });
  ws.frame('sources', [
    { mid: 'd0', user_id: 'u2', kind: 'audio' },
    { mid: 'd1', user_id: 'u2', kind: 'video' },
  ]);
  ws.frame('offer', { sdp: UPLINKS + '\n' + offer(['audio', 'd0'], ['video', 'd1']) });
  await flush();
  return { ...t, ws, pc: t.pcs[0] };
}

const mid = (pc: FakePc, m: string) => pc.transceivers.find((t) => t.mid === m)!;

// ---- tests ----------------------------------------------------------------------------------

describe('VoiceSession', () => {
  it('joins through the API, identifies with the voice token and answers the offer with the microphone on mid audio', async () => {
    const { session, ws, pc, calls, mics } = await joined();
    expect(calls[0]).toMatchObject({ path: '/channels/c1/voice/join', method: 'POST' });
    expect(ws.url).toBe('ws://gw/media/n1/signal#1');
    expect(ws.sent[0]).toEqual({ op: 'identify', d: { voice_token: 'tok1' } });
    const answer = ws.sent.find((f) => f.op === 'answer')!;
    expect((answer.d as { sdp: string }).sdp).toContain(`audio:sendonly:${mics[0].id}`);
    // camera and screen offered to send, with nothing on them yet
    expect(mid(pc, 'video').direction).toBe('sendonly');
    expect(mid(pc, 'video').sender.track).toBeNull();
    expect(mid(pc, 'screen').direction).toBe('sendonly');
    // remote sources mapped by mid
    expect(session.snapshot.remote.map((r) => [r.mid, r.userId, r.kind])).toEqual([
      ['d0', 'u2', 'audio'],
      ['d1', 'u2', 'video'],
    ]);
    expect(session.snapshot.remote[0].track).toBe(mid(pc, 'd0').receiver.track);
    pc.setState('connected');
    expect(session.snapshot.status).toBe('connected');
  });

  it('trickles its ICE candidates and applies the node\'s', async () => {
    const { ws, pc } = await joined();
    pc.onicecandidate?.({ candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdpMid: 'audio' } });
    pc.onicecandidate?.({ candidate: null });
    expect(ws.sent.filter((f) => f.op === 'candidate')).toEqual([
      { op: 'candidate', d: { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdp_mid: 'audio' } },
    ]);
    ws.frame('candidate', { candidate: 'candidate:2 1 udp 1 10.0.0.1 10000 typ host', sdp_mid: 'audio' });
    await flush();
    expect(pc.candidates).toHaveLength(1);
  });

  it('re-offers keep the tracks attached and remap sources; a recycled slot gets a new owner', async () => {
    const { session, ws, pc } = await joined();
    ws.frame('sources', [{ mid: 'd1', user_id: 'u3', kind: 'screen' }]);
    ws.frame('offer', { sdp: UPLINKS + '\n' + offer(['audio', 'd0'], ['video', 'd1']) });
    await flush();
    expect(ws.sent.filter((f) => f.op === 'answer')).toHaveLength(2);
    expect(session.snapshot.remote.map((r) => [r.mid, r.userId, r.kind])).toEqual([['d1', 'u3', 'screen']]);
    expect(mid(pc, 'audio').sender.track).not.toBeNull();
  });

  it('mute takes the microphone off the sender and says so to the API; unmute puts it back', async () => {
    const { session, pc, calls, mics } = await joined();
    await session.setMute(true);
    expect(mid(pc, 'audio').sender.track).toBeNull();
    expect(mics[0].enabled).toBe(false);
    expect(calls.at(-1)).toEqual({ path: '/channels/c1/voice/state', method: 'PATCH', body: { self_mute: true, self_deaf: false, self_video: false, self_stream: false } });
    await session.setMute(false);
    expect(mid(pc, 'audio').sender.track).toBe(mics[0]);
    expect(session.snapshot.transmitting).toBe(true);
  });

  it('deafen stops sending too and is patched', async () => {
    const { session, pc, calls } = await joined();
    await session.setDeaf(true);
    expect(session.snapshot.selfDeaf).toBe(true);
    expect(mid(pc, 'audio').sender.track).toBeNull();
    expect(calls.at(-1)?.body).toMatchObject({ self_deaf: true });
  });

  it('a moderator mute stops sending until lifted', async () => {
    const { session, pc } = await joined();
    session.onOwnVoiceState({ server_id: 'g1', channel_id: 'c1', user_id: 'me', session_id: 's1', self_mute: false, self_deaf: false, self_video: false, self_stream: false, mute: true, deaf: false });
    await flush();
    expect(session.snapshot.serverMute).toBe(true);
    expect(mid(pc, 'audio').sender.track).toBeNull();
  });

  it('camera on attaches a camera track to mid video and patches self_video; off detaches and stops it', async () => {
    const { session, pc, calls, cams } = await joined();
    await session.setCamera(true);
    expect(mid(pc, 'video').sender.track).toBe(cams[0]);
    expect(session.snapshot.localCamera).not.toBeNull();
    expect(calls.at(-1)?.body).toMatchObject({ self_video: true });
    await session.setCamera(false);
    expect(mid(pc, 'video').sender.track).toBeNull();
    expect(cams[0].stopped).toBe(true);
    expect(calls.at(-1)?.body).toMatchObject({ self_video: false });
  });

  it('screen share uses getDisplayMedia on mid screen', async () => {
    const { session, pc, calls } = await joined();
    await session.setScreen(true);
    expect((mid(pc, 'screen').sender.track as FakeTrack).label).toBe('display');
    expect(session.snapshot.screenSourceUsed).toBe('display');
    expect(calls.at(-1)?.body).toMatchObject({ self_stream: true });
  });

  it('screen share falls back to a canvas track only when asked to', async () => {
    const strict = await joined({ displayFails: true, screenSource: 'display' });
    await expect(strict.session.setScreen(true)).rejects.toThrow('NotAllowedError');
    expect(strict.session.snapshot.selfStream).toBe(false);

    const auto = await joined({ displayFails: true, screenSource: 'auto' });
    await auto.session.setScreen(true);
    expect(mid(auto.pc, 'screen').sender.track).toBe(auto.canvases[0]);
    expect(auto.session.snapshot.screenSourceUsed).toBe('canvas');
  });

  it('switching the microphone replaces the track on the same sender', async () => {
    const { session, pc, mics } = await joined();
    await session.setAudioInput('usb-mic');
    expect(mics).toHaveLength(2);
    expect(mics[0].stopped).toBe(true);
    expect(mid(pc, 'audio').sender.track).toBe(mics[1]);
    expect(session.snapshot.audioInputId).toBe('usb-mic');
  });

  it('push-to-talk transmits only while the key is held', async () => {
    const { session, pc, mics } = await joined();
    session.setPushToTalk(true);
    await flush();
    expect(mid(pc, 'audio').sender.track).toBeNull();
    session.setPttPressed(true);
    await flush();
    expect(mid(pc, 'audio').sender.track).toBe(mics[0]);
    session.setPttPressed(false);
    await flush();
    expect(mid(pc, 'audio').sender.track).toBeNull();
  });

  it('speaking frames mark who speaks', async () => {
    const { session, ws } = await joined();
    ws.frame('speaking', { user_id: 'u2', speaking: true });
    expect(session.snapshot.speaking).toEqual(['u2']);
    ws.frame('speaking', { user_id: 'u2', speaking: false });
    expect(session.snapshot.speaking).toEqual([]);
  });

  it('VOICE_SERVER_UPDATE reconnects to the new endpoint with the new token, keeping the tracks', async () => {
    const { session, ws, pcs, sockets, mics } = await joined();
    session.onVoiceServerUpdate({ server_id: 'g1', channel_id: 'c1', user_id: 'me', session_id: 's9', endpoint: 'ws://gw/media/n2/signal', voice_token: 'tok9' });
    expect(ws.closed).not.toBeNull();
    expect(pcs[0].closed).toBe(true);
    const ws2 = sockets[1];
    expect(ws2.url).toBe('ws://gw/media/n2/signal');
    ws2.open();
    expect(ws2.sent[0]).toEqual({ op: 'identify', d: { voice_token: 'tok9' } });
    ws2.frame('offer', { sdp: UPLINKS });
    await flush();
    expect(mid(pcs[1], 'audio').sender.track).toBe(mics[0]);
    expect(session.snapshot.sessionId).toBe('s9');
  });

  it('a reconnect frame moves the connection the same way', async () => {
    const { ws, sockets } = await joined();
    ws.frame('reconnect', { endpoint: 'ws://gw/media/n3/signal', voice_token: 'tok3' });
    expect(sockets[1].url).toBe('ws://gw/media/n3/signal');
    sockets[1].open();
    expect(sockets[1].sent[0].d).toEqual({ voice_token: 'tok3' });
  });

  it('a dropped socket rejoins through the API after a backoff and restores my flags', async () => {
    const { session, ws, sockets, calls, runTimeouts } = await joined();
    await session.setMute(true);
    ws.drop(1006);
    expect(session.snapshot.status).toBe('reconnecting');
    expect(sockets).toHaveLength(1);
    runTimeouts();
    await flush();
    expect(calls.filter((c) => c.path.endsWith('/voice/join'))).toHaveLength(2);
    expect(sockets[1].url).toBe('ws://gw/media/n1/signal#2');
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', body: { self_mute: true } });
  });

  it('an identify that never reached the node (4003) joins again rather than giving up', async () => {
    const { session, ws, sockets, calls, runTimeouts } = await joined();
    ws.drop(4003);
    expect(session.snapshot.status).toBe('reconnecting');
    runTimeouts();
    await flush();
    expect(calls.filter((c) => c.path.endsWith('/voice/join'))).toHaveLength(2);
    expect(sockets).toHaveLength(2);
  });

  it('a refused join surfaces the API error and ends the session', async () => {
    const err = Object.assign(new Error("You don't have permission to do that."), { status: 403 });
    const { session, mics } = setup({ joinError: err });
    await expect(session.join()).rejects.toBe(err);
    expect(session.snapshot.status).toBe('failed');
    expect(mics[0]?.stopped ?? true).toBe(true);
  });

  it('leave closes everything, stops the tracks and tells the API', async () => {
    const { session, ws, pc, calls, mics } = await joined();
    await session.setCamera(true);
    await session.leave();
    expect(ws.closed).not.toBeNull();
    expect(pc.closed).toBe(true);
    expect(mics[0].stopped).toBe(true);
    expect(calls.at(-1)).toMatchObject({ path: '/channels/c1/voice/leave', method: 'POST' });
    expect(session.snapshot.status).toBe('disconnected');
  });

  it('stats() reports inbound RTP per remote source', async () => {
    const { session } = await joined();
    const stats = await session.stats();
    expect(stats).toEqual([
      expect.objectContaining({ user_id: 'u2', kind: 'audio', packetsReceived: 42, audioLevel: 0.3, lastPacketReceivedAt: 1_000, concealedSamples: 960 }),
      expect.objectContaining({ user_id: 'u2', kind: 'video', packetsReceived: 42, framesDecoded: 7 }),
    ]);
  });

  it('heartbeats and answers to missing acks by reconnecting', async () => {
    const { ws, timers } = await joined();
    const hb = timers.find((t) => t.repeat && t.ms === 10_000)!;
    hb.fn();
    expect(ws.ops()).toContain('heartbeat');
  });
});

describe('classifyQuality', () => {
  it('grades RTT and loss', () => {
    expect(classifyQuality(null, null)).toBe('unknown');
    expect(classifyQuality(30, 0)).toBe('good');
    expect(classifyQuality(200, 1)).toBe('ok');
    expect(classifyQuality(50, 5)).toBe('ok');
    expect(classifyQuality(600, 0)).toBe('bad');
    expect(classifyQuality(50, 20)).toBe('bad');
  });
});

describe('VoiceSession joins', () => {
  it('tries a join that timed out (503) again, then connects', async () => {
    const t = setup();
    let failures = 2;
    const realApi = t.session['deps'].api;
    (t.session as unknown as { deps: VoiceDeps }).deps.api = async <T,>(path: string, o?: { method?: string; body?: unknown }) => {
      if (path.endsWith('/voice/join') && failures-- > 0) throw Object.assign(new Error('busy'), { status: 503 });
      return realApi<T>(path, o);
    };
    const joining = t.session.join();
    for (let i = 0; i < 5; i++) {
      await flush();
      t.runTimeouts();
    }
    await joining;
    expect(t.sockets).toHaveLength(1);
    expect(t.sockets[0].url).toBe('ws://gw/media/n1/signal#1');
  });
});

describe('VoiceSession moves to another node (make-before-break)', () => {
  // the move's clock (polls, linger, cap) is Date; the fakes' timers stay real
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());
  const move = (channel = 'c1') => ({ server_id: 'g1', channel_id: channel, user_id: 'me', session_id: 's9', endpoint: 'ws://gw/media/n2/signal', voice_token: 'tok9' });
  const tracksOf = (t: { session: VoiceSession }) => Object.fromEntries(t.session.snapshot.remote.map((r) => [`${r.userId}:${r.kind}`, r.track]));

  /** Joined and connected on n1; then moved to n2, whose connection has answered its offer but carries nothing yet. */
  async function moving() {
    const t = await joined();
    t.pc.setState('connected');
    t.session.onVoiceServerUpdate(move());
    const ws2 = t.sockets[1];
    ws2.open();
    ws2.frame('sources', [
      { mid: 'e0', user_id: 'u2', kind: 'audio' },
      { mid: 'e1', user_id: 'u2', kind: 'video' },
    ]);
    const pc2 = t.pcs[1];
    pc2.received = { e0: 0, e1: 0 };
    ws2.frame('offer', { sdp: UPLINKS + '\n' + offer(['audio', 'e0'], ['video', 'e1']) });
    await flush();
    return { ...t, ws2, pc2 };
  }

  it('keeps playing the old connection while the new one connects, switches each source once it carries media, and closes the old one 2 s later', async () => {
    const t = await moving();
    const old = { 'u2:audio': mid(t.pc, 'd0').receiver.track, 'u2:video': mid(t.pc, 'd1').receiver.track };
    expect(t.ws.closed).toBeNull();
    expect(t.pc.closed).toBe(false);
    expect(t.session.snapshot.status).toBe('connected');
    expect(mid(t.pc2, 'audio').sender.track).toBe(t.mics[0]);
    expect(tracksOf(t)).toEqual(old);

    t.pc2.setState('connected');
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t), 'connected, but nothing received yet').toEqual(old);

    t.pc2.received.e0 = 5;
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t)).toEqual({ 'u2:audio': mid(t.pc2, 'e0').receiver.track, 'u2:video': old['u2:video'] });
    expect(t.pc.closed).toBe(false);

    t.pc2.received.e1 = 3;
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t)).toEqual({ 'u2:audio': mid(t.pc2, 'e0').receiver.track, 'u2:video': mid(t.pc2, 'e1').receiver.track });
    expect(t.pc.closed, 'members still on the old node hear me a moment longer').toBe(false);
    expect(mid(t.pc, 'audio').sender.track).toBe(t.mics[0]);

    vi.setSystemTime(Date.now() + 2_000);
    t.runIntervals(100);
    await flush();
    expect(t.pc.closed).toBe(true);
    expect(t.ws.closed).not.toBeNull();
    expect(t.timers.filter((x) => x.repeat && x.ms === 100), 'no more polling').toHaveLength(0);
    expect((await t.session.stats()).map((s) => s.mid)).toEqual(['e0', 'e1']);
  });

  it('a source still flowing on the old connection but never on the new one keeps it until 20 s; a stopped one ends the move at once', async () => {
    const t = await moving();
    t.pc2.setState('connected');
    t.pc2.received.e0 = 5;
    const poll = async (ms: number) => {
      vi.setSystemTime(Date.now() + ms);
      t.pc.received.d1 = (t.pc.received.d1 ?? 0) + 10; // the old node still forwards u2's camera
      t.runIntervals(100);
      await flush();
    };
    for (let i = 0; i < 19; i++) await poll(1_000);
    expect(t.pc.closed).toBe(false);
    expect(tracksOf(t)['u2:video']).toBe(mid(t.pc, 'd1').receiver.track);
    await poll(1_100);
    expect(t.pc.closed).toBe(true);
    expect(t.session.snapshot.remote.map((r) => r.mid), 'the new connection\'s sources only').toEqual(['e0', 'e1']);

    const u = await moving();
    u.pc.connectionState = 'failed';
    u.runIntervals(100);
    await flush();
    expect(u.pc.closed).toBe(true);
  });

  it('a source the old connection has received nothing for in a second (muted, camera off) does not hold the move up', async () => {
    const t = await moving();
    t.pc2.setState('connected');
    t.pc2.received.e0 = 5;
    t.runIntervals(100);
    await flush();
    expect(t.pc.closed, 'u2\'s camera may still come through the old node').toBe(false);
    vi.setSystemTime(Date.now() + 1_100);
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t)).toEqual({ 'u2:audio': mid(t.pc2, 'e0').receiver.track, 'u2:video': mid(t.pc2, 'e1').receiver.track });
    vi.setSystemTime(Date.now() + 2_000);
    t.runIntervals(100);
    await flush();
    expect(t.pc.closed).toBe(true);
  });

  it('a source that flowed on the old connection and then paused keeps playing from it until the new one carries it', async () => {
    const t = await moving();
    t.pc2.setState('connected');
    t.pc2.received.e1 = 3;
    const old = mid(t.pc, 'd0').receiver.track;
    t.pc.received.d0 = 100;
    t.runIntervals(100);
    await flush();
    t.pc.received.d0 = 105; // u2's audio flows through the old node, then pauses (a loaded host)
    vi.setSystemTime(Date.now() + 100);
    t.runIntervals(100);
    await flush();
    vi.setSystemTime(Date.now() + 3_000);
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t)['u2:audio'], 'the new connection has nothing of it yet').toBe(old);
    t.pc2.received.e0 = 2;
    t.runIntervals(100);
    await flush();
    expect(tracksOf(t)['u2:audio']).toBe(mid(t.pc2, 'e0').receiver.track);
  });

  it('a slow poll is not overlapped by the next one', async () => {
    const t = await moving();
    t.pc2.setState('connected');
    t.pc2.received = { e0: 5, e1: 5 };
    let asked = 0;
    const tr = mid(t.pc2, 'e0');
    const stats = tr.receiver.getStats;
    tr.receiver.getStats = async () => {
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return stats();
    };
    t.runIntervals(100);
    t.runIntervals(100);
    t.runIntervals(100);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await flush();
    expect(asked).toBe(1);
  });

  it('stats() during a move report the receiver of the track being played', async () => {
    const t = await moving();
    t.pc.received = { d0: 1234 };
    const audio = (await t.session.stats()).find((s) => s.kind === 'audio')!;
    expect(audio).toMatchObject({ mid: 'd0', packetsReceived: 1234 });
  });

  it('a move to another channel silences the old one at once', async () => {
    const t = await joined();
    t.pc.setState('connected');
    t.session.onVoiceServerUpdate(move('c2'));
    expect(t.pc.closed).toBe(true);
    expect(t.ws.closed).not.toBeNull();
    expect(t.session.snapshot.remote).toEqual([]);
  });

  it('moved again before the first move finished: the playing connection stays, the unfinished one goes', async () => {
    const t = await moving();
    t.session.onVoiceServerUpdate({ ...move(), endpoint: 'ws://gw/media/n3/signal', voice_token: 'tok10' });
    expect(t.pc2.closed).toBe(true);
    expect(t.pc.closed).toBe(false);
    expect(t.sockets[2].url).toBe('ws://gw/media/n3/signal');
  });

  it('leaving during a move closes both connections', async () => {
    const t = await moving();
    await t.session.leave();
    expect(t.pc.closed).toBe(true);
    expect(t.pc2.closed).toBe(true);
    expect(t.timers.filter((x) => x.repeat && x.ms === 100)).toHaveLength(0);
  });
});

describe('VoiceSession moves and removals', () => {
  const state = (channel: string | null, session: string) => ({
    server_id: 'g1', channel_id: channel, user_id: 'me', session_id: session,
    self_mute: false, self_deaf: false, self_video: false, self_stream: false, mute: false, deaf: false,
  });

  it('a moderator move: the old endpoint expires (4007), VOICE_SERVER_UPDATE names the new channel, the session follows', async () => {
    const t = await joined();
    t.ws.drop(4007);
    t.session.onOwnVoiceState(state(null, 's1'));
    t.session.onOwnVoiceState(state('c2', 's9'));
    t.session.onVoiceServerUpdate({ server_id: 'g1', channel_id: 'c2', user_id: 'me', session_id: 's9', endpoint: 'ws://gw/media/n1/signal#moved', voice_token: 'tok9' });
    t.runTimeouts();
    await flush();
    expect(t.session.snapshot.channelId).toBe('c2');
    expect(t.session.snapshot.status).not.toBe('disconnected');
    expect(t.sockets.at(-1)!.url).toBe('ws://gw/media/n1/signal#moved');
    expect(t.calls.filter((c) => c.path.endsWith('/voice/join'))).toHaveLength(1);
  });

  it('left from elsewhere: my voice state says so and the session ends without rejoining', async () => {
    const t = await joined();
    t.session.onOwnVoiceState(state(null, 's1'));
    t.ws.drop(4007);
    t.runTimeouts();
    await flush();
    expect(t.session.snapshot.status).toBe('disconnected');
    expect(t.calls.filter((c) => c.path.endsWith('/voice/join'))).toHaveLength(1);
  });

  it('an expired endpoint with my state unchanged joins again', async () => {
    const t = await joined();
    t.ws.drop(4006);
    t.runTimeouts(); // the verdict: still mine → recover
    t.runTimeouts(); // the backoff
    await flush();
    expect(t.calls.filter((c) => c.path.endsWith('/voice/join'))).toHaveLength(2);
  });
});
