/**
 * The client side of the /gateway protocol, free of React and of the real WebSocket so it can be
 * tested with a fake socket: HELLO → IDENTIFY (or RESUME when a session exists), heartbeats with
 * zombie detection, seq/session tracking, reconnect with exponential backoff, INVALID_SESSION →
 * fresh IDENTIFY.
 */
export const Op = {
  DISPATCH: 0,
  HEARTBEAT: 1,
  IDENTIFY: 2,
  PRESENCE_UPDATE: 3,
  RESUME: 6,
  RECONNECT: 7,
  INVALID_SESSION: 9,
  HELLO: 10,
  HEARTBEAT_ACK: 11,
} as const;

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface GatewayOptions {
  url: string;
  /** The current access token (refreshing it first when it is missing or `refresh` is set). */
  getToken(refresh: boolean): Promise<string | null>;
  createSocket(url: string): SocketLike;
  onDispatch(type: string, data: unknown, fresh: { ready: boolean }): void;
  onStateChange?(state: ConnectionState): void;
  /** The token was refused and could not be refreshed: the session is over. */
  onAuthFailed?(): void;
  timers?: Timers;
  random?: () => number;
  status?: () => string;
}

interface Frame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** Close codes after which resuming is pointless (Discord's meanings). */
const NO_RESUME = new Set([4004, 4007, 4009]);
/** Close codes after which reconnecting is pointless. */
const FATAL = new Set([4010, 4011, 4012, 4013, 4014]);

export function backoffDelay(attempt: number, random: () => number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.5 + random() * 0.5));
}

export class GatewayClient {
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'idle';
  private seq: number | null = null;
  private sessionId: string | null = null;
  private heartbeatTimer: unknown = null;
  private reconnectTimer: unknown = null;
  private heartbeatInterval = 41_250;
  private acked = true;
  private attempts = 0;
  private stopped = false;
  private authRetried = false;
  private readonly timers: Timers;
  private readonly random: () => number;

  constructor(private readonly opts: GatewayOptions) {
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (id) => globalThis.clearTimeout(id as number),
    };
    this.random = opts.random ?? Math.random;
  }

  get connectionState() {
    return this.state;
  }
  get session() {
    return { sessionId: this.sessionId, seq: this.seq };
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.close(1000, 'logout');
    }
    this.sessionId = null;
    this.seq = null;
    this.setState('closed');
  }

  /** The browser lost the network: say so at once instead of waiting for a missed heartbeat ACK. */
  networkOffline() {
    if (this.stopped || !this.socket) return;
    this.dropAndReconnect(4000);
  }

  /** The network is back: reconnect (and resume) now rather than at the end of the backoff. */
  networkOnline() {
    if (this.stopped || this.state === 'connected' || this.state === 'idle' || this.state === 'closed') return;
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    // an attempt started while offline is likely to hang or fail: start over
    const s = this.socket;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      try {
        s.close(4000, 'network back');
      } catch {
        /* ignore */
      }
      this.socket = null;
      if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
      this.heartbeatTimer = null;
    }
    this.attempts = 0;
    this.open();
  }

  /** Sets the user's status (op 3). */
  updatePresence(status: string) {
    this.sendFrame({ op: Op.PRESENCE_UPDATE, d: { status, since: null, activities: [], afk: false } });
  }

  private open() {
    if (this.stopped) return;
    this.setState(this.state === 'idle' || this.state === 'closed' ? 'connecting' : 'reconnecting');
    const socket = this.opts.createSocket(this.opts.url);
    this.socket = socket;
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      let frame: Frame;
      try {
        frame = JSON.parse(String(ev.data)) as Frame;
      } catch {
        return;
      }
      void this.onFrame(frame);
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.onClose(ev.code);
    };
    socket.onerror = () => {
      /* onclose follows */
    };
  }

  private async onFrame(frame: Frame) {
    switch (frame.op) {
      case Op.HELLO: {
        const d = (frame.d ?? {}) as { heartbeat_interval?: number };
        this.heartbeatInterval = d.heartbeat_interval ?? 41_250;
        this.acked = true;
        this.scheduleHeartbeat(Math.round(this.heartbeatInterval * this.random()));
        if (this.sessionId !== null && this.seq !== null) await this.resume();
        else await this.identify();
        break;
      }
      case Op.DISPATCH: {
        if (typeof frame.s === 'number') this.seq = frame.s;
        const t = frame.t ?? '';
        const ready = t === 'READY';
        if (ready) {
          this.sessionId = (frame.d as { session_id?: string })?.session_id ?? null;
        }
        if (ready || t === 'RESUMED') {
          this.attempts = 0;
          this.authRetried = false;
          this.setState('connected');
        }
        this.opts.onDispatch(t, frame.d, { ready });
        break;
      }
      case Op.HEARTBEAT:
        this.sendHeartbeat();
        break;
      case Op.HEARTBEAT_ACK:
        this.acked = true;
        break;
      case Op.RECONNECT:
        this.dropAndReconnect(4000);
        break;
      case Op.INVALID_SESSION: {
        const resumable = frame.d === true;
        if (!resumable) {
          this.sessionId = null;
          this.seq = null;
        }
        if (resumable) await this.resume();
        else await this.identify();
        break;
      }
    }
  }

  private async identify() {
    const token = await this.opts.getToken(false);
    if (!token) return this.authFailed();
    this.sendFrame({
      op: Op.IDENTIFY,
      d: {
        token,
        properties: { os: 'browser', browser: 'guildhall-web', device: 'guildhall-web' },
        presence: { status: this.opts.status?.() ?? 'online' },
      },
    });
  }

  private async resume() {
    const token = await this.opts.getToken(false);
    if (!token) return this.authFailed();
    this.sendFrame({ op: Op.RESUME, d: { token, session_id: this.sessionId, seq: this.seq } });
  }

  private authFailed() {
    this.stop();
    this.opts.onAuthFailed?.();
  }

  private scheduleHeartbeat(delay: number) {
    if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.timers.setTimeout(() => {
      this.heartbeatTimer = null;
      if (!this.acked) {
        // zombied connection: no ACK since the last beat
        this.dropAndReconnect(4000);
        return;
      }
      this.sendHeartbeat();
      this.scheduleHeartbeat(this.heartbeatInterval);
    }, delay);
  }

  private sendHeartbeat() {
    this.acked = false;
    this.sendFrame({ op: Op.HEARTBEAT, d: this.seq });
  }

  private sendFrame(frame: Frame) {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      /* the close handler reconnects */
    }
  }

  private dropAndReconnect(code: number) {
    const s = this.socket;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      try {
        s.close(code, 'reconnect');
      } catch {
        /* ignore */
      }
    }
    this.onClose(code);
  }

  private onClose(code: number) {
    this.socket = null;
    this.clearTimers();
    if (this.stopped) return;
    if (FATAL.has(code)) {
      this.setState('closed');
      return;
    }
    if (NO_RESUME.has(code)) {
      this.sessionId = null;
      this.seq = null;
    }
    if (code === 4004) {
      if (this.authRetried) return this.authFailed();
      this.authRetried = true;
      this.setState('reconnecting');
      void this.opts.getToken(true).then((t) => {
        if (!t) this.authFailed();
        else this.open();
      });
      return;
    }
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempts++, this.random);
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  private clearTimers() {
    if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
    if (this.reconnectTimer !== null) this.timers.clearTimeout(this.reconnectTimer);
    this.heartbeatTimer = null;
    this.reconnectTimer = null;
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    this.opts.onStateChange?.(s);
  }
}
