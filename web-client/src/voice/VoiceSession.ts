/**
 * One voice connection of this client, free of React: join through the v1 API, the media node's
 * signalling socket (`{op, d}` frames, DESIGN "Voice, video, screen share"), one RTCPeerConnection
 * that only ever answers the node's offers, the local microphone / camera / screen tracks attached
 * to the uplink transceivers by mid, remote sources mapped from `sources` frames, speaking, quality
 * from getStats(), and recovery (VOICE_SERVER_UPDATE, a `reconnect` frame, a dropped socket or a
 * failed transport → reconnect, rejoining through the API when the old token is no good).
 *
 * A move to another node of the same channel is make-before-break (ADR 281): the connection being
 * replaced keeps playing each remote source until the new one carries it, then closes.
 *
 * Every browser facility comes in through `VoiceDeps`, so tests drive it with fakes.
 */
import type { SocketLike } from '../gateway/GatewayClient';
import {
  type Quality,
  type SelfFlags,
  type SessionStatus,
  type SourceInfo,
  type SourceKind,
  type VoiceJoin,
  type VoiceServerUpdate,
  type VoiceState,
  UPLINK_MIDS,
} from './types';

export type ScreenSource = 'display' | 'canvas' | 'auto';

export interface LevelMeter {
  /** 0..1 */
  level(): number;
  close(): void;
}

export interface VoiceDeps {
  /** The v1 API (`/api/v1` prefix implied), throwing on non-2xx. */
  api<T>(path: string, opts?: { method?: string; body?: unknown }): Promise<T>;
  createSocket(url: string): SocketLike;
  createPeerConnection(): RTCPeerConnection;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  /** Missing when the browser has none. */
  getDisplayMedia?: (constraints: DisplayMediaStreamOptions) => Promise<MediaStream>;
  enumerateDevices?: () => Promise<MediaDeviceInfo[]>;
  /** A synthetic "screen" (canvas.captureStream()) for browsers or runs without screen capture. */
  createCanvasTrack?: () => MediaStreamTrack;
  createStream(tracks: MediaStreamTrack[]): MediaStream;
  createLevelMeter?: (track: MediaStreamTrack) => LevelMeter | null;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  log?: (...args: unknown[]) => void;
}

export interface VoiceOptions {
  channelId: string;
  serverId: string | null;
  /** My user id (to tell my own speaking/state from others'). */
  userId: string;
  audioInputId?: string | null;
  videoInputId?: string | null;
  /** Where a screen share comes from: the browser's picker, a canvas, or the picker falling back to a canvas. */
  screenSource?: ScreenSource;
  pushToTalk?: boolean;
  heartbeatMs?: number;
  statsMs?: number;
  /** Joins attempted in a row while recovering before giving up. */
  maxRecoveries?: number;
}

export interface RemoteSource {
  mid: string;
  userId: string;
  kind: SourceKind;
  track: MediaStreamTrack;
  stream: MediaStream;
}

export interface VoiceSnapshot {
  status: SessionStatus;
  channelId: string;
  serverId: string | null;
  userId: string;
  sessionId: string | null;
  selfMute: boolean;
  selfDeaf: boolean;
  selfVideo: boolean;
  selfStream: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
  pushToTalk: boolean;
  pttPressed: boolean;
  /** True when the microphone track is being sent right now. */
  transmitting: boolean;
  hasMicrophone: boolean;
  quality: Quality;
  rttMs: number | null;
  lossPct: number | null;
  /** User ids speaking now (the node's `speaking` frames, and my own microphone level). */
  speaking: string[];
  dominantSpeaker: string | null;
  remote: RemoteSource[];
  localCamera: MediaStream | null;
  localScreen: MediaStream | null;
  /** 'display' or 'canvas' once a screen share runs. */
  screenSourceUsed: 'display' | 'canvas' | null;
  audioInputId: string | null;
  videoInputId: string | null;
  error: string | null;
}

export interface SourceStats {
  mid: string;
  user_id: string;
  kind: SourceKind;
  packetsReceived: number;
  bytesReceived: number;
  audioLevel: number | null;
  totalAudioEnergy: number | null;
  framesDecoded: number | null;
  frameWidth: number | null;
  /** the played track's id (the node names tracks by mid, so a move's new track may carry the same one) */
  trackId: string;
  /** when the receiver's last packet arrived (the stats clock, ms); null before the first */
  lastPacketReceivedAt: number | null;
  /** audio the receiver had to conceal (lost or late packets), and all it produced, in samples */
  concealedSamples: number | null;
  totalSamplesReceived: number | null;
}

export interface OutboundStats {
  kind: SourceKind;
  packetsSent: number;
  bytesSent: number;
  attached: boolean;
}

/** good / ok / bad from round-trip time (ms) and packet loss (%); unknown without data. */
export function classifyQuality(rttMs: number | null, lossPct: number | null): Quality {
  if (rttMs === null && lossPct === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const loss = lossPct ?? 0;
  if (rtt < 150 && loss < 2) return 'good';
  if (rtt < 400 && loss < 8) return 'ok';
  return 'bad';
}

/**
 * Close codes after which trying again is pointless. Not 4003 (identify timed out): this client
 * always identifies first, so that close means the frame was lost on the way, and joining again helps.
 */
const FATAL_CODES = new Set([4000, 4005, 4010]);
const KINDS: SourceKind[] = ['audio', 'video', 'screen'];
/** Close codes of a deliberate end of my endpoint (unknown session, expired, replaced). */
const VERDICT_CODES = new Set([4006, 4007, 4008]);
/** How long a deliberately closed connection waits for VOICE_SERVER_UPDATE or my voice state. */
const VERDICT_MS = 3_000;
/** During a move: how often the new connection is checked for media, and the longest the old one is kept. */
const HANDOVER_POLL_MS = 100;
const HANDOVER_MAX_MS = 20_000;
/**
 * After the switch the old connection keeps sending this long: a member still on the old node hears me there until
 * their own new connection has been offered my source (they can be a renegotiation behind me).
 */
const HANDOVER_LINGER_MS = 2_000;
/**
 * A source the old connection has received nothing for since the move began, this long (muted, camera off), need not
 * wait for the new one. One that flowed and paused keeps playing from the old connection: under load a second's pause
 * is common, and the new connection may not carry it yet.
 */
const HANDOVER_IDLE_MS = 1_000;

/** The connection a move replaces, playing on until the new one carries each of its sources (ADR 281). */
interface Retiring {
  pc: RTCPeerConnection;
  socket: SocketLike | null;
  /** What it played, by {@link sourceKey}. */
  remote: Map<string, RemoteSource>;
  started: number;
  /** Per source: the old connection's packet count when first asked (and when), and whether it has moved since. */
  flow: Map<string, { packets: number; since: number; moved: boolean }>;
  /** Set once every source is switched: the old connection closes then. */
  closesAt: number | null;
  /** A poll is asking for statistics (a slow getStats must not overlap the next poll). */
  polling: boolean;
}

const sourceKey = (r: { userId: string; kind: SourceKind }) => `${r.userId}:${r.kind}`;

type Listener = () => void;

export class VoiceSession {
  private readonly deps: VoiceDeps;
  private readonly opts: Required<Omit<VoiceOptions, 'audioInputId' | 'videoInputId' | 'serverId'>> & VoiceOptions;
  private listeners = new Set<Listener>();
  private snap: VoiceSnapshot;

  private socket: SocketLike | null = null;
  private pc: RTCPeerConnection | null = null;
  /** Bumped per connection; callbacks of older connections are ignored. */
  private gen = 0;
  private chain: Promise<void> = Promise.resolve();
  private latestSources: SourceInfo[] = [];
  private sources: SourceInfo[] = [];
  private remoteCache = new Map<string, RemoteSource>();
  private retiring: Retiring | null = null;
  /** Sources (by {@link sourceKey}) the new connection of a move has received media for. */
  private arrived = new Set<string>();

  private mic: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private meter: LevelMeter | null = null;

  private heartbeatTimer: unknown = null;
  private lastAck = 0;
  private statsTimer: unknown = null;
  private meterTimer: unknown = null;
  private recoverTimer: unknown = null;
  private disconnectedTimer: unknown = null;
  private verdictTimer: unknown = null;
  private handoverTimer: unknown = null;
  private lastOwnState: VoiceState | null = null;
  private recoveries = 0;
  private closed = false;
  private nodeSpeaking = new Set<string>();
  private localSpeaking = false;
  private prevLoss: { lost: number; received: number } | null = null;

  constructor(deps: VoiceDeps, opts: VoiceOptions) {
    this.deps = deps;
    this.opts = {
      screenSource: 'display',
      pushToTalk: false,
      heartbeatMs: 10_000,
      statsMs: 2_000,
      maxRecoveries: 5,
      ...opts,
    };
    this.snap = {
      status: 'idle',
      channelId: opts.channelId,
      serverId: opts.serverId,
      userId: opts.userId,
      sessionId: null,
      selfMute: false,
      selfDeaf: false,
      selfVideo: false,
      selfStream: false,
      serverMute: false,
      serverDeaf: false,
      pushToTalk: !!opts.pushToTalk,
      pttPressed: false,
      transmitting: false,
      hasMicrophone: false,
      quality: 'unknown',
      rttMs: null,
      lossPct: null,
      speaking: [],
      dominantSpeaker: null,
      remote: [],
      localCamera: null,
      localScreen: null,
      screenSourceUsed: null,
      audioInputId: opts.audioInputId ?? null,
      videoInputId: opts.videoInputId ?? null,
      error: null,
    };
  }

  // ---- observation -------------------------------------------------------------------------

  get snapshot(): VoiceSnapshot {
    return this.snap;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }

  private set(patch: Partial<VoiceSnapshot>) {
    this.snap = { ...this.snap, ...patch };
    this.listeners.forEach((l) => l());
  }

  private log(...args: unknown[]) {
    this.deps.log?.('[voice]', ...args);
  }

  // ---- joining and leaving -----------------------------------------------------------------

  /** Joins through the API (throws its ApiError, e.g. 403 without CONNECT), then connects. */
  async join(): Promise<void> {
    this.set({ status: 'joining', error: null });
    // the microphone first, so the first answer already carries it; without one: listen only
    const micPromise = this.acquireMic(this.snap.audioInputId).catch((e) => {
      this.log('no microphone:', e);
      return null;
    });
    let join: VoiceJoin;
    try {
      join = await this.joinRequest();
    } catch (e) {
      const track = await micPromise;
      track?.stop();
      this.mic = null;
      this.set({ status: 'failed', error: (e as Error).message });
      this.closed = true;
      throw e;
    }
    const track = await micPromise;
    if (this.closed) {
      track?.stop();
      return;
    }
    this.applyJoin(join);
    this.connect(join.endpoint, join.voice_token);
  }

  /**
   * `POST .../voice/join`; a 5xx (the gateway's time limit on a busy fleet, no media node for a
   * moment) or no answer at all is tried twice more: joining again is harmless, it replaces the session.
   */
  private async joinRequest(): Promise<VoiceJoin> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.api<VoiceJoin>(`/channels/${this.snap.channelId}/voice/join`, { method: 'POST' });
      } catch (e) {
        const status = (e as { status?: number }).status ?? 0;
        if ((status !== 0 && status < 500) || attempt >= 2 || this.closed) throw e;
        await new Promise<void>((resolve) => this.deps.setTimeout(resolve, 1_000 * (attempt + 1)));
      }
    }
  }

  private applyJoin(join: VoiceJoin) {
    const patch: Partial<VoiceSnapshot> = { sessionId: join.session_id };
    if (join.voice_state) {
      patch.serverMute = !!join.voice_state.mute;
      patch.serverDeaf = !!join.voice_state.deaf;
    }
    this.set(patch);
  }

  /** Leaves voice: tells the API, closes the connection, stops every local track. */
  async leave(): Promise<void> {
    if (this.closed) return;
    this.shutdown('disconnected');
    try {
      await this.deps.api(`/channels/${this.snap.channelId}/voice/leave`, { method: 'POST' });
    } catch (e) {
      this.log('leave failed:', e);
    }
  }

  private shutdown(status: SessionStatus, error: string | null = null) {
    this.closed = true;
    this.closeConnection();
    this.clearTimer('recoverTimer');
    this.clearTimer('verdictTimer');
    this.clearInterval('meterTimer');
    for (const t of [this.mic, this.camera, this.screen]) t?.stop();
    this.mic = this.camera = this.screen = null;
    this.meter?.close();
    this.meter = null;
    this.remoteCache.clear();
    this.nodeSpeaking.clear();
    this.set({
      status,
      error,
      remote: [],
      speaking: [],
      localCamera: null,
      localScreen: null,
      transmitting: false,
      selfVideo: false,
      selfStream: false,
      quality: 'unknown',
    });
  }

  get isClosed() {
    return this.closed;
  }

  // ---- the signalling connection -----------------------------------------------------------

  /**
   * Opens a connection to {@code endpoint}. With {@code handover} (a move of a connected session to another node of
   * the same channel) the current one is retired rather than closed: it plays on until the new one carries its sources.
   */
  private connect(endpoint: string, token: string, handover = false) {
    if (handover && this.retiring) {
      // moved again before the last move finished: the connection that plays stays, the unfinished one goes
      this.dropCurrent();
    } else if (handover && this.pc?.connectionState === 'connected') {
      this.retire();
    } else {
      this.closeConnection();
    }
    const gen = ++this.gen;
    if (!this.retiring) {
      // the closed connection's sources are silent: none is shown until the new one's offer
      const status = this.snap.status === 'connected' || this.snap.status === 'reconnecting' ? 'reconnecting' : 'connecting';
      this.set({ status, remote: [] });
    }
    const pc = this.deps.createPeerConnection();
    this.pc = pc;
    this.latestSources = [];
    this.sources = [];
    this.remoteCache.clear();
    this.chain = Promise.resolve();
    pc.onicecandidate = (e) => {
      if (gen !== this.gen || !e.candidate || !e.candidate.candidate) return;
      this.send('candidate', { candidate: e.candidate.candidate, sdp_mid: e.candidate.sdpMid });
    };
    pc.onconnectionstatechange = () => this.onPcState(gen);
    pc.ontrack = () => {
      if (gen === this.gen) this.refreshRemote();
    };

    const socket = this.deps.createSocket(endpoint);
    this.socket = socket;
    socket.onopen = () => {
      if (gen !== this.gen) return;
      this.send('identify', { voice_token: token });
      this.lastAck = Date.now();
      this.heartbeatTimer = this.deps.setInterval(() => this.heartbeat(gen), this.opts.heartbeatMs);
    };
    socket.onmessage = (ev) => {
      if (gen !== this.gen) return;
      let frame: { op?: string; d?: unknown };
      try {
        frame = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      this.onFrame(gen, frame.op ?? '', frame.d);
    };
    socket.onclose = (ev) => {
      if (gen !== this.gen || this.closed) return;
      this.log('signalling closed', ev.code, ev.reason);
      this.socket = null;
      if (FATAL_CODES.has(ev.code)) {
        this.shutdown('failed', `Voice connection refused (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
        void this.deps.api(`/channels/${this.snap.channelId}/voice/leave`, { method: 'POST' }).catch(() => undefined);
        return;
      }
      if (VERDICT_CODES.has(ev.code)) {
        // the API expired or replaced my endpoint on purpose (a move, a leave elsewhere): hear why first
        this.closeConnection();
        this.set({ status: 'reconnecting', remote: [], quality: 'unknown' });
        this.awaitVerdict(`endpoint closed (${ev.code})`);
        return;
      }
      this.recover('signalling closed');
    };
    socket.onerror = () => undefined;
    this.statsTimer = this.deps.setInterval(() => void this.pollQuality(gen), this.opts.statsMs);
  }

  /** Closes the connection, and the one a move is replacing. */
  private closeConnection() {
    this.dropCurrent();
    this.endHandover();
  }

  /** Closes the current connection (not one a move is replacing). */
  private dropCurrent() {
    const { pc, socket } = this.detach();
    close(pc, socket);
  }

  /** Unhooks the current connection from this session, open, and returns it. */
  private detach(): { pc: RTCPeerConnection | null; socket: SocketLike | null } {
    this.gen++;
    this.clearInterval('heartbeatTimer');
    this.clearInterval('statsTimer');
    this.clearTimer('disconnectedTimer');
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
    }
    const pc = this.pc;
    this.pc = null;
    if (pc) {
      pc.onicecandidate = null;
      pc.onconnectionstatechange = null;
      pc.ontrack = null;
    }
    this.prevLoss = null;
    return { pc, socket };
  }

  // ---- make-before-break moves (ADR 281) ---------------------------------------------------

  /** The current connection becomes the retiring one: it plays on, unhooked, while the next one connects. */
  private retire() {
    const playing = new Map(this.snap.remote.map((r) => [sourceKey(r), r]));
    const { pc, socket } = this.detach();
    if (!pc) return;
    this.retiring = { pc, socket, remote: playing, started: Date.now(), flow: new Map(), closesAt: null, polling: false };
    this.arrived.clear();
    this.clearInterval('handoverTimer');
    this.handoverTimer = this.deps.setInterval(() => void this.checkHandover(), HANDOVER_POLL_MS);
    this.log('moving: the old connection plays until the new one carries', playing.size, 'source(s)');
  }

  /**
   * Marks the sources the new connection receives media for (or that the old one no longer receives anything for);
   * once it carries all the old one played, the old one sends on for {@link HANDOVER_LINGER_MS}, then closes; it closes
   * at once when it has stopped by itself, and after {@link HANDOVER_MAX_MS} in any case.
   */
  private async checkHandover() {
    const r = this.retiring;
    if (!r || r.polling) return;
    r.polling = true;
    try {
      await this.pollHandover(r);
    } finally {
      r.polling = false;
    }
  }

  private async pollHandover(r: Retiring) {
    const pc = this.pc;
    const gen = this.gen;
    const oldGone = r.pc.connectionState === 'failed' || r.pc.connectionState === 'closed';
    if (oldGone || Date.now() - r.started > HANDOVER_MAX_MS) {
      this.endHandover(oldGone ? 'the old connection stopped' : 'time is up');
      return;
    }
    const now = Date.now();
    if (r.closesAt !== null) {
      if (now >= r.closesAt) this.endHandover('the new connection carries every source');
      return;
    }
    for (const [key, old] of r.remote) {
      if (this.arrived.has(key)) continue;
      const packets = await inboundPackets(r.pc, old.track);
      if (gen !== this.gen || this.retiring !== r) return;
      const seen = r.flow.get(key);
      if (!seen) r.flow.set(key, { packets, since: now, moved: false });
      else if (packets !== seen.packets) seen.moved = true;
    }
    if (!pc || pc.connectionState !== 'connected') return;
    const before = this.arrived.size;
    const current = new Map([...this.remoteCache.values()].map((e) => [sourceKey(e), e]));
    for (const key of r.remote.keys()) {
      if (this.arrived.has(key)) continue;
      const entry = current.get(key);
      const packets = entry ? await inboundPackets(pc, entry.track) : 0;
      if (gen !== this.gen || this.retiring !== r) return;
      const seen = r.flow.get(key);
      const idle = !!seen && !seen.moved && now - seen.since >= HANDOVER_IDLE_MS;
      if (packets > 0 || idle) {
        this.arrived.add(key);
        this.log('move:', key, packets > 0 ? `plays from the new connection (${packets} packets)` : 'idle: plays from the new connection');
      }
    }
    if ([...r.remote.keys()].every((key) => this.arrived.has(key))) {
      r.closesAt = now + HANDOVER_LINGER_MS;
      this.log('switched: the old connection sends on for', HANDOVER_LINGER_MS, 'ms');
    }
    if (this.arrived.size !== before) this.refreshRemote();
  }

  /** Closes the connection a move replaced (if any) and plays only the current one. */
  private endHandover(why?: string) {
    const r = this.retiring;
    this.clearInterval('handoverTimer');
    if (!r) return;
    this.retiring = null;
    this.arrived.clear();
    if (why) this.log('move done:', why);
    close(r.pc, r.socket);
    if (!this.closed) this.refreshRemote();
  }

  private send(op: string, d: unknown) {
    try {
      this.socket?.send(JSON.stringify({ op, d }));
    } catch (e) {
      this.log('send failed', e);
    }
  }

  private heartbeat(gen: number) {
    if (gen !== this.gen) return;
    if (Date.now() - this.lastAck > this.opts.heartbeatMs * 3) {
      this.log('no heartbeat_ack: reconnecting');
      this.recover('no heartbeat_ack');
      return;
    }
    this.send('heartbeat', { nonce: Date.now() });
  }

  private onFrame(gen: number, op: string, d: unknown) {
    switch (op) {
      case 'ready': {
        const r = d as { session_id?: string };
        if (r?.session_id) this.set({ sessionId: r.session_id });
        break;
      }
      case 'sources':
        this.latestSources = Array.isArray(d) ? (d as SourceInfo[]) : [];
        break;
      case 'offer': {
        const sdp = (d as { sdp?: string })?.sdp;
        if (!sdp) return;
        const sources = this.latestSources;
        this.chain = this.chain.then(() => this.answer(gen, sdp, sources)).catch((e) => {
          if (gen !== this.gen) return;
          this.log('could not answer the offer:', e);
          this.recover('offer failed');
        });
        break;
      }
      case 'candidate': {
        const c = d as { candidate?: string; sdp_mid?: string };
        if (!c?.candidate || !this.pc) return;
        const pc = this.pc;
        this.chain = this.chain
          .then(() => pc.addIceCandidate({ candidate: c.candidate, sdpMid: c.sdp_mid ?? UPLINK_MIDS.audio }))
          .catch((e) => this.log('candidate refused', e));
        break;
      }
      case 'speaking': {
        const s = d as { user_id?: string; speaking?: boolean };
        if (!s?.user_id) return;
        if (s.speaking) this.nodeSpeaking.add(s.user_id);
        else this.nodeSpeaking.delete(s.user_id);
        this.publishSpeaking();
        break;
      }
      case 'dominant_speaker': {
        const s = d as { user_id?: string };
        if (s?.user_id) this.set({ dominantSpeaker: s.user_id });
        break;
      }
      case 'heartbeat_ack':
        this.lastAck = Date.now();
        break;
      case 'reconnect': {
        const r = d as { endpoint?: string; voice_token?: string };
        if (r?.endpoint && r.voice_token) {
          this.recoveries = 0;
          this.connect(r.endpoint, r.voice_token, true);
        }
        break;
      }
      default:
        break;
    }
  }

  /** Applies one offer: attach local tracks to the uplink mids, answer, map the remote sources. */
  private async answer(gen: number, sdp: string, sources: SourceInfo[]) {
    const pc = this.pc;
    if (!pc || gen !== this.gen) return;
    await pc.setRemoteDescription({ type: 'offer', sdp });
    if (gen !== this.gen) return;
    for (const kind of KINDS) {
      const tr = this.transceiver(kind);
      if (!tr) continue;
      // always offer to send: a track can then come and go with replaceTrack, no renegotiation
      if (tr.direction !== 'sendonly') tr.direction = 'sendonly';
      const want = this.outgoing(kind);
      if (tr.sender.track !== want) await tr.sender.replaceTrack(want);
    }
    const answer = await pc.createAnswer();
    if (gen !== this.gen) return;
    await pc.setLocalDescription(answer);
    if (gen !== this.gen) return;
    this.send('answer', { sdp: pc.localDescription?.sdp ?? answer.sdp });
    this.sources = sources;
    this.refreshRemote();
    this.set({ transmitting: !!this.outgoing('audio') });
  }

  private transceiver(kind: SourceKind): RTCRtpTransceiver | undefined {
    return this.pc?.getTransceivers().find((t) => t.mid === UPLINK_MIDS[kind]);
  }

  /** The track each uplink should carry now (null: send nothing). */
  private outgoing(kind: SourceKind): MediaStreamTrack | null {
    if (kind === 'video') return this.camera;
    if (kind === 'screen') return this.screen;
    const s = this.snap;
    const silent = s.selfMute || s.selfDeaf || s.serverMute || s.serverDeaf || (s.pushToTalk && !s.pttPressed);
    return silent ? null : this.mic;
  }

  private async attach(kind: SourceKind) {
    const want = this.outgoing(kind);
    if (kind === 'audio' && this.mic) this.mic.enabled = !!want;
    const tr = this.transceiver(kind);
    if (tr && tr.sender.track !== want) {
      try {
        await tr.sender.replaceTrack(want);
      } catch (e) {
        this.log('replaceTrack failed', e);
      }
    }
    if (kind === 'audio') this.set({ transmitting: !!want });
  }

  private refreshRemote() {
    const pc = this.pc;
    if (!pc) return;
    const trs = pc.getTransceivers();
    const list: RemoteSource[] = [];
    const next = new Map<string, RemoteSource>();
    for (const s of this.sources) {
      const tr = trs.find((t) => t.mid === s.mid);
      const track = tr?.receiver.track;
      if (!track) continue;
      let entry = this.remoteCache.get(s.mid);
      if (!entry || entry.track !== track || entry.userId !== s.user_id || entry.kind !== s.kind) {
        entry = { mid: s.mid, userId: s.user_id, kind: s.kind, track, stream: this.deps.createStream([track]) };
      }
      next.set(s.mid, entry);
      list.push(entry);
    }
    this.remoteCache = next;
    const r = this.retiring;
    if (r) {
      // during a move each source plays from the old connection until the new one carries it
      const fresh = new Map(list.map((e) => [sourceKey(e), e]));
      list.length = 0;
      for (const [key, old] of r.remote) list.push(this.arrived.has(key) && fresh.has(key) ? fresh.get(key)! : old);
      for (const [key, e] of fresh) if (!r.remote.has(key)) list.push(e);
    }
    // speaking of someone whose audio left ends
    const present = new Set(list.filter((r) => r.kind === 'audio').map((r) => r.userId));
    for (const u of [...this.nodeSpeaking]) if (u !== this.opts.userId && !present.has(u)) this.nodeSpeaking.delete(u);
    this.set({ remote: list });
    this.publishSpeaking();
  }

  private onPcState(gen: number) {
    const pc = this.pc;
    if (!pc || gen !== this.gen) return;
    const state = pc.connectionState;
    if (state === 'connected') {
      this.recoveries = 0;
      this.clearTimer('disconnectedTimer');
      this.set({ status: 'connected', error: null });
    } else if (state === 'failed') {
      this.recover('transport failed');
    } else if (state === 'disconnected') {
      // ICE often recovers by itself; give it a few seconds
      this.clearTimer('disconnectedTimer');
      this.disconnectedTimer = this.deps.setTimeout(() => {
        if (gen === this.gen && this.pc?.connectionState !== 'connected') this.recover('transport disconnected');
      }, 10_000);
    }
  }

  /**
   * The connection is gone (socket dropped or refused, transport failed, no heartbeat ack): join
   * the channel again through the API (a fresh token, maybe another node), with backoff.
   */
  private recover(reason: string) {
    if (this.closed) return;
    this.log('recovering:', reason);
    this.closeConnection();
    this.recoveries++;
    if (this.recoveries > this.opts.maxRecoveries) {
      this.shutdown('failed', 'Lost the voice connection.');
      void this.deps.api(`/channels/${this.snap.channelId}/voice/leave`, { method: 'POST' }).catch(() => undefined);
      return;
    }
    this.set({ status: 'reconnecting', remote: [], quality: 'unknown' });
    const delay = Math.min(500 * 2 ** (this.recoveries - 1), 8_000);
    this.clearTimer('recoverTimer');
    this.recoverTimer = this.deps.setTimeout(() => void this.rejoin(), delay);
  }

  private async rejoin() {
    if (this.closed) return;
    try {
      const join = await this.joinRequest();
      if (this.closed) return;
      this.applyJoin(join);
      this.connect(join.endpoint, join.voice_token);
      // the API starts a fresh voice state: restore my flags
      void this.patch();
    } catch (e) {
      this.log('rejoin failed:', e);
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 404 || status === 400) {
        this.shutdown('failed', (e as Error).message);
        return;
      }
      this.recover('rejoin failed');
    }
  }

  /** `VOICE_SERVER_UPDATE`: my connection moved to another node. */
  onVoiceServerUpdate(d: VoiceServerUpdate) {
    if (this.closed || !d.endpoint || !d.voice_token) return;
    // a moderator's move names another channel: the connection follows
    const patch: Partial<VoiceSnapshot> = {};
    if (d.channel_id && d.channel_id !== this.snap.channelId) patch.channelId = d.channel_id;
    if (d.session_id && d.session_id !== this.snap.sessionId) patch.sessionId = d.session_id;
    this.set(patch);
    this.recoveries = 0;
    this.clearTimer('recoverTimer');
    this.clearTimer('verdictTimer');
    // the same channel on another node: make-before-break; another channel: the old one must go silent now
    this.connect(d.endpoint, d.voice_token, !patch.channelId);
  }

  /** My own `VOICE_STATE_UPDATE`: moderator mute/deafen, or I was removed from the channel. */
  onOwnVoiceState(d: VoiceState) {
    if (this.closed) return;
    this.lastOwnState = d;
    if (d.channel_id !== this.snap.channelId || d.session_id !== this.snap.sessionId) {
      // left, moved (VOICE_SERVER_UPDATE follows), joined from elsewhere, or my own rejoin racing its answer
      this.awaitVerdict('my voice state changed');
      return;
    }
    if (d.mute !== this.snap.serverMute || d.deaf !== this.snap.serverDeaf) {
      this.set({ serverMute: !!d.mute, serverDeaf: !!d.deaf });
      void this.attach('audio');
    }
  }

  /**
   * After a deliberate end of my endpoint or a voice state that is not this connection's: wait a
   * moment for VOICE_SERVER_UPDATE, then go by my latest voice state: still this channel and
   * session (or none heard) → recover if the connection is gone; anything else → this session is over.
   */
  private awaitVerdict(reason: string) {
    if (this.closed || this.verdictTimer !== null) return;
    this.log('waiting for a verdict:', reason);
    this.verdictTimer = this.deps.setTimeout(() => {
      this.verdictTimer = null;
      if (this.closed) return;
      const own = this.lastOwnState;
      const mine = !own || (own.channel_id === this.snap.channelId && own.session_id === this.snap.sessionId);
      if (!mine) {
        this.log('the session ended elsewhere:', own?.channel_id ?? 'left');
        this.shutdown('disconnected');
      } else if (!this.socket && !this.recoverTimer) {
        this.recover(reason);
      }
    }, VERDICT_MS);
  }

  // ---- local media -------------------------------------------------------------------------

  private async acquireMic(deviceId: string | null): Promise<MediaStreamTrack | null> {
    const stream = await this.deps.getUserMedia({
      audio: deviceId ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true } : { echoCancellation: true, noiseSuppression: true },
      video: false,
    });
    const track = stream.getAudioTracks()[0] ?? null;
    if (!track) return null;
    const old = this.mic;
    this.mic = track;
    old?.stop();
    this.meter?.close();
    this.meter = this.deps.createLevelMeter?.(track) ?? null;
    if (this.meter && !this.meterTimer) this.meterTimer = this.deps.setInterval(() => this.sampleMeter(), 200);
    this.set({ hasMicrophone: true, audioInputId: deviceId ?? (track.getSettings?.().deviceId ?? null) });
    return track;
  }

  private sampleMeter() {
    if (this.closed) {
      this.clearInterval('meterTimer');
      return;
    }
    const speaking = !!this.meter && !!this.outgoing('audio') && this.meter.level() > 0.04;
    if (speaking !== this.localSpeaking) {
      this.localSpeaking = speaking;
      this.publishSpeaking();
    }
  }

  private publishSpeaking() {
    const set = new Set(this.nodeSpeaking);
    if (this.localSpeaking) set.add(this.opts.userId);
    if (!this.outgoing('audio')) set.delete(this.opts.userId);
    const speaking = [...set].sort();
    if (speaking.join(',') !== this.snap.speaking.join(',')) this.set({ speaking });
  }

  private async patch(): Promise<void> {
    const s = this.snap;
    const body: SelfFlags = { self_mute: s.selfMute, self_deaf: s.selfDeaf, self_video: s.selfVideo, self_stream: s.selfStream };
    try {
      await this.deps.api(`/channels/${this.snap.channelId}/voice/state`, { method: 'PATCH', body });
    } catch (e) {
      this.log('voice state update failed', e);
    }
  }

  async setMute(mute: boolean) {
    if (this.closed) return;
    // unmuting while deafened undeafens too, as people expect
    this.set(mute ? { selfMute: true } : { selfMute: false, selfDeaf: false });
    await this.attach('audio');
    this.publishSpeaking();
    await this.patch();
  }

  async setDeaf(deaf: boolean) {
    if (this.closed) return;
    this.set({ selfDeaf: deaf });
    await this.attach('audio');
    this.publishSpeaking();
    await this.patch();
  }

  setPushToTalk(on: boolean) {
    this.set({ pushToTalk: on, pttPressed: false });
    void this.attach('audio');
  }

  setPttPressed(pressed: boolean) {
    if (!this.snap.pushToTalk || pressed === this.snap.pttPressed) return;
    this.set({ pttPressed: pressed });
    void this.attach('audio');
  }

  async setCamera(on: boolean) {
    if (this.closed || on === this.snap.selfVideo) return;
    if (on) {
      const id = this.snap.videoInputId;
      const stream = await this.deps.getUserMedia({
        video: { ...(id ? { deviceId: { exact: id } } : {}), width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } },
        audio: false,
      });
      const track = stream.getVideoTracks()[0];
      if (!track) throw new Error('No camera track');
      if (this.closed) {
        track.stop();
        return;
      }
      this.camera = track;
      track.onended = () => void this.setCamera(false);
      this.set({ selfVideo: true, localCamera: this.deps.createStream([track]) });
    } else {
      const old = this.camera;
      this.camera = null;
      this.set({ selfVideo: false, localCamera: null });
      await this.attach('video');
      old?.stop();
      await this.patch();
      return;
    }
    await this.attach('video');
    await this.patch();
  }

  async setScreen(on: boolean) {
    if (this.closed || on === this.snap.selfStream) return;
    if (!on) {
      const old = this.screen;
      this.screen = null;
      this.set({ selfStream: false, localScreen: null, screenSourceUsed: null });
      await this.attach('screen');
      old?.stop();
      await this.patch();
      return;
    }
    const { track, used } = await this.screenTrack();
    if (this.closed) {
      track.stop();
      return;
    }
    this.screen = track;
    track.onended = () => void this.setScreen(false);
    this.set({ selfStream: true, localScreen: this.deps.createStream([track]), screenSourceUsed: used });
    await this.attach('screen');
    await this.patch();
  }

  private async screenTrack(): Promise<{ track: MediaStreamTrack; used: 'display' | 'canvas' }> {
    const mode = this.opts.screenSource;
    const canvas = () => {
      if (!this.deps.createCanvasTrack) throw new Error('Screen sharing is not available here');
      return { track: this.deps.createCanvasTrack(), used: 'canvas' as const };
    };
    if (mode === 'canvas') return canvas();
    if (!this.deps.getDisplayMedia) {
      if (mode === 'auto') return canvas();
      throw new Error('This browser cannot share the screen');
    }
    try {
      const stream = await this.deps.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
      const track = stream.getVideoTracks()[0];
      if (!track) throw new Error('No screen track');
      return { track, used: 'display' };
    } catch (e) {
      if (mode === 'auto') {
        this.log('getDisplayMedia failed, using a canvas:', e);
        return canvas();
      }
      throw e;
    }
  }

  async listDevices(): Promise<MediaDeviceInfo[]> {
    return (await this.deps.enumerateDevices?.()) ?? [];
  }

  /** Switches the microphone; the new track replaces the old one on the same sender. */
  async setAudioInput(deviceId: string) {
    if (this.closed) return;
    await this.acquireMic(deviceId);
    this.set({ audioInputId: deviceId });
    await this.attach('audio');
  }

  /** Switches the camera (takes effect now if it is on, else the next time it is). */
  async setVideoInput(deviceId: string) {
    if (this.closed) return;
    this.set({ videoInputId: deviceId });
    if (!this.camera) return;
    const stream = await this.deps.getUserMedia({ video: { deviceId: { exact: deviceId }, width: { ideal: 640 }, height: { ideal: 360 } }, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    const old = this.camera;
    this.camera = track;
    track.onended = () => void this.setCamera(false);
    this.set({ localCamera: this.deps.createStream([track]) });
    await this.attach('video');
    old?.stop();
  }

  // ---- statistics --------------------------------------------------------------------------

  private async pollQuality(gen: number) {
    const pc = this.pc;
    if (!pc || gen !== this.gen) return;
    let report: RTCStatsReport;
    try {
      report = await pc.getStats();
    } catch {
      return;
    }
    if (gen !== this.gen) return;
    let rtt: number | null = null;
    let lost = 0;
    let received = 0;
    let remoteLoss: number | null = null;
    report.forEach((s: Record<string, unknown> & { type: string }) => {
      if (s.type === 'candidate-pair' && (s.nominated || s.state === 'succeeded') && typeof s.currentRoundTripTime === 'number') {
        rtt = Math.max(rtt ?? 0, (s.currentRoundTripTime as number) * 1000);
      } else if (s.type === 'inbound-rtp') {
        lost += Number(s.packetsLost ?? 0);
        received += Number(s.packetsReceived ?? 0);
      } else if (s.type === 'remote-inbound-rtp' && typeof s.fractionLost === 'number') {
        remoteLoss = Math.max(remoteLoss ?? 0, (s.fractionLost as number) * 100);
      }
    });
    let loss: number | null = remoteLoss;
    if (this.prevLoss) {
      const dl = lost - this.prevLoss.lost;
      const dr = received - this.prevLoss.received;
      if (dl + dr > 0) loss = Math.max(loss ?? 0, (100 * Math.max(0, dl)) / (dl + dr));
    }
    this.prevLoss = { lost, received };
    const quality = pc.connectionState === 'connected' ? classifyQuality(rtt, loss) : 'unknown';
    this.set({ rttMs: rtt === null ? null : Math.round(rtt), lossPct: loss === null ? null : Math.round((loss as number) * 10) / 10, quality });
  }

  /** Inbound statistics per remote source (for the e2e tests and a stats panel). */
  async stats(): Promise<SourceStats[]> {
    const pcs = [this.pc, this.retiring?.pc].filter((p): p is RTCPeerConnection => !!p);
    if (!pcs.length) return [];
    const out: SourceStats[] = [];
    for (const r of this.snap.remote) {
      // the receiver of the track played (during a move it may be the old connection's)
      const tr = pcs.flatMap((p) => p.getTransceivers()).find((t) => t.receiver.track === r.track);
      if (!tr) continue;
      const report = await tr.receiver.getStats();
      let entry: SourceStats = {
        mid: r.mid, user_id: r.userId, kind: r.kind, packetsReceived: 0, bytesReceived: 0,
        audioLevel: null, totalAudioEnergy: null, framesDecoded: null, frameWidth: null,
        trackId: r.track.id, lastPacketReceivedAt: null, concealedSamples: null, totalSamplesReceived: null,
      };
      const num = (v: unknown, fallback: number | null) => (typeof v === 'number' ? v : fallback);
      report.forEach((s: Record<string, unknown> & { type: string }) => {
        if (s.type !== 'inbound-rtp') return;
        entry = {
          ...entry,
          packetsReceived: Number(s.packetsReceived ?? 0),
          bytesReceived: Number(s.bytesReceived ?? 0),
          audioLevel: num(s.audioLevel, entry.audioLevel),
          totalAudioEnergy: num(s.totalAudioEnergy, entry.totalAudioEnergy),
          framesDecoded: num(s.framesDecoded, entry.framesDecoded),
          frameWidth: num(s.frameWidth, entry.frameWidth),
          lastPacketReceivedAt: num(s.lastPacketReceivedTimestamp, entry.lastPacketReceivedAt),
          concealedSamples: num(s.concealedSamples, entry.concealedSamples),
          totalSamplesReceived: num(s.totalSamplesReceived, entry.totalSamplesReceived),
        };
      });
      out.push(entry);
    }
    return out;
  }

  /** Outbound statistics per uplink. */
  async outboundStats(): Promise<OutboundStats[]> {
    const out: OutboundStats[] = [];
    for (const kind of KINDS) {
      const tr = this.transceiver(kind);
      if (!tr) continue;
      let packetsSent = 0;
      let bytesSent = 0;
      const report = await tr.sender.getStats();
      report.forEach((s: Record<string, unknown> & { type: string }) => {
        if (s.type === 'outbound-rtp') {
          packetsSent += Number(s.packetsSent ?? 0);
          bytesSent += Number(s.bytesSent ?? 0);
        }
      });
      out.push({ kind, packetsSent, bytesSent, attached: !!tr.sender.track });
    }
    return out;
  }

  /** Test hook: the signalling socket drops as if the network failed (recovery follows). */
  simulateSignallingDrop() {
    this.socket?.close(3000, 'simulated drop');
  }

  // ---- timers ------------------------------------------------------------------------------

  private clearTimer(name: 'recoverTimer' | 'disconnectedTimer' | 'verdictTimer') {
    if (this[name] !== null) this.deps.clearTimeout(this[name]);
    this[name] = null;
  }

  private clearInterval(name: 'heartbeatTimer' | 'statsTimer' | 'meterTimer' | 'handoverTimer') {
    if (this[name] !== null) this.deps.clearInterval(this[name]);
    this[name] = null;
  }
}

function close(pc: RTCPeerConnection | null, socket: SocketLike | null) {
  try {
    socket?.close(1000, 'closing');
  } catch {
    /* already closed */
  }
  try {
    pc?.close();
  } catch {
    /* ignore */
  }
}

/** The inbound RTP packets {@code pc} has received on the receiver of {@code track} (0 when unknown). */
async function inboundPackets(pc: RTCPeerConnection, track: MediaStreamTrack): Promise<number> {
  const tr = pc.getTransceivers().find((t) => t.receiver.track === track);
  if (!tr) return 0;
  let packets = 0;
  try {
    (await tr.receiver.getStats()).forEach((s: Record<string, unknown> & { type: string }) => {
      if (s.type === 'inbound-rtp') packets += Number(s.packetsReceived ?? 0);
    });
  } catch {
    /* asked again on the next poll */
  }
  return packets;
}
