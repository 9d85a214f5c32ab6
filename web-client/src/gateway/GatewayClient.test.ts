import { describe, expect, it, vi } from 'vitest';
import { GatewayClient, type SocketLike, Op, backoffDelay } from './GatewayClient';

class FakeSocket implements SocketLike {
  sent: { op: number; d: unknown }[] = [];
  closed: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closed = code;
  }
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
}

function setup(token: string | null = 'tok') {
  const sockets: FakeSocket[] = [];
  const dispatched: [string, unknown][] = [];
  const states: string[] = [];
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let next = 1;
  const getToken = vi.fn(async (refresh: boolean) => (refresh ? 'fresh' : token));
  const onAuthFailed = vi.fn();
  const client = new GatewayClient({
    url: 'ws://test/gateway',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    getToken,
    onDispatch: (t, d) => dispatched.push([t, d]),
    onStateChange: (s) => states.push(s),
    onAuthFailed,
    random: () => 0.5,
    timers: {
      setTimeout: (fn, ms) => {
        const id = next++;
        timers.push({ fn, ms, id });
        return id;
      },
      clearTimeout: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    },
  });
  const runTimers = () => {
    const due = timers.splice(0);
    due.forEach((t) => t.fn());
  };
  return { client, sockets, dispatched, states, timers, runTimers, getToken, onAuthFailed };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('GatewayClient', () => {
  it('identifies after HELLO and becomes connected on READY', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    expect(g.sockets[0].sent[0]).toMatchObject({ op: Op.IDENTIFY, d: { token: 'tok' } });
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'READY', s: 1, d: { session_id: 'abc' } });
    expect(g.client.connectionState).toBe('connected');
    expect(g.client.session).toEqual({ sessionId: 'abc', seq: 1 });
    expect(g.dispatched[0][0]).toBe('READY');
  });

  it('heartbeats with the last seq and reconnects a zombie connection', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'READY', s: 1, d: { session_id: 'abc' } });
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'MESSAGE_CREATE', s: 2, d: {} });
    g.runTimers();
    expect(g.sockets[0].sent.at(-1)).toEqual({ op: Op.HEARTBEAT, d: 2 });
    // no ACK before the next beat: the connection is dead
    g.runTimers();
    expect(g.sockets[0].closed).toBe(4000);
    expect(g.client.connectionState).toBe('reconnecting');
  });

  it('answers a server heartbeat request at once', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HEARTBEAT });
    expect(g.sockets[0].sent[0]).toEqual({ op: Op.HEARTBEAT, d: null });
  });

  it('resumes with session and seq after a drop, with backoff', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'READY', s: 1, d: { session_id: 'abc' } });
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'MESSAGE_CREATE', s: 5, d: {} });
    g.sockets[0].drop(1006);
    expect(g.client.connectionState).toBe('reconnecting');
    const reconnect = g.timers.find((t) => t.ms >= 500);
    expect(reconnect).toBeTruthy();
    g.timers.splice(0).forEach((t) => t === reconnect && t.fn());
    expect(g.sockets).toHaveLength(2);
    g.sockets[1].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    expect(g.sockets[1].sent[0]).toEqual({ op: Op.RESUME, d: { token: 'tok', session_id: 'abc', seq: 5 } });
    g.sockets[1].receive({ op: Op.DISPATCH, t: 'MESSAGE_CREATE', s: 6, d: {} });
    g.sockets[1].receive({ op: Op.DISPATCH, t: 'RESUMED', s: 7, d: {} });
    expect(g.client.connectionState).toBe('connected');
  });

  it('identifies afresh after INVALID_SESSION', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'READY', s: 3, d: { session_id: 'abc' } });
    g.sockets[0].drop(1006);
    g.timers.filter((t) => t.ms >= 500).forEach((t) => t.fn());
    g.sockets[1].receive({ op: Op.HELLO, d: { heartbeat_interval: 1000 } });
    await flush();
    expect(g.sockets[1].sent[0].op).toBe(Op.RESUME);
    g.sockets[1].receive({ op: Op.INVALID_SESSION, d: false });
    await flush();
    expect(g.sockets[1].sent.at(-1)).toMatchObject({ op: Op.IDENTIFY });
    expect(g.client.session).toEqual({ sessionId: null, seq: null });
  });

  it('refreshes the token once when authentication fails, then gives up', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].drop(4004);
    await flush();
    expect(g.getToken).toHaveBeenCalledWith(true);
    expect(g.sockets).toHaveLength(2);
    g.sockets[1].drop(4004);
    await flush();
    expect(g.onAuthFailed).toHaveBeenCalled();
    expect(g.client.connectionState).toBe('closed');
  });

  it('drops at once when the browser goes offline and reconnects with RESUME when it is back', async () => {
    const g = setup();
    g.client.start();
    g.sockets[0].receive({ op: Op.HELLO, d: { heartbeat_interval: 41250 } });
    await flush();
    g.sockets[0].receive({ op: Op.DISPATCH, t: 'READY', s: 4, d: { session_id: 'abc' } });
    g.client.networkOffline();
    expect(g.sockets[0].closed).toBe(4000);
    expect(g.client.connectionState).toBe('reconnecting');
    g.client.networkOnline();
    expect(g.sockets).toHaveLength(2);
    g.sockets[1].receive({ op: Op.HELLO, d: { heartbeat_interval: 41250 } });
    await flush();
    expect(g.sockets[1].sent[0]).toEqual({ op: Op.RESUME, d: { token: 'tok', session_id: 'abc', seq: 4 } });
  });

  it('stops without reconnecting', () => {
    const g = setup();
    g.client.start();
    g.client.stop();
    expect(g.sockets[0].closed).toBe(1000);
    expect(g.timers).toHaveLength(0);
  });

  it('backs off exponentially up to 30 s', () => {
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(10, () => 1)).toBe(30000);
    expect(backoffDelay(0, () => 0)).toBe(500);
  });
});
