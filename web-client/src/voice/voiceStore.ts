/**
 * Voice in the app: who is in which voice channel (READY's `voice_states`, then
 * `VOICE_STATE_UPDATE`), my one VoiceSession (`VOICE_SERVER_UPDATE` moves it), device and
 * push-to-talk preferences, and `window.__guildhallVoice` for tests and debugging.
 */
import { useSyncExternalStore } from 'react';
import { errorText } from '../api/errors';
import { store } from '../store/store';
import type { VoiceServerUpdate, VoiceState } from './types';
import { type ScreenSource, type VoiceDeps, type VoiceSnapshot, VoiceSession } from './VoiceSession';

export interface VoiceStoreState {
  /** channel id → user id → state */
  channels: Record<string, Record<string, VoiceState>>;
  /** My current session's snapshot (null: not in voice). */
  session: VoiceSnapshot | null;
  /** Why the last join failed (shown until dismissed or the next join). */
  joinError: string | null;
}

type Listener = () => void;

let state: VoiceStoreState = { channels: {}, session: null, joinError: null };
const listeners = new Set<Listener>();
let current: VoiceSession | null = null;
let unsubscribeSession: (() => void) | null = null;
let depsFactory: (() => VoiceDeps) | null = null;

function setState(patch: Partial<VoiceStoreState>) {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export const voiceStore = {
  getState: () => state,
  subscribe(l: Listener) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};

export function useVoice<T>(selector: (s: VoiceStoreState) => T): T {
  return useSyncExternalStore(voiceStore.subscribe, () => selector(state));
}

/** The browser's dependencies (set once by the app; tests pass fakes). */
export function configureVoice(factory: () => VoiceDeps) {
  depsFactory = factory;
}

export function currentSession(): VoiceSession | null {
  return current;
}

// ---- voice states ---------------------------------------------------------------------------

/** Applies one voice state: a user is in at most one channel; channel_id null = left. */
export function applyVoiceState(channels: VoiceStoreState['channels'], vs: VoiceState): VoiceStoreState['channels'] {
  const next: VoiceStoreState['channels'] = {};
  for (const [cid, users] of Object.entries(channels)) {
    if (users[vs.user_id] && cid !== vs.channel_id) {
      const rest = { ...users };
      delete rest[vs.user_id];
      if (Object.keys(rest).length) next[cid] = rest;
    } else {
      next[cid] = users;
    }
  }
  if (vs.channel_id) next[vs.channel_id] = { ...(next[vs.channel_id] ?? {}), [vs.user_id]: vs };
  return next;
}

/** READY: the voice states of every server (replacing what was known). */
export function seedVoiceStates(servers: { voice_states?: VoiceState[]; server_id: string }[]) {
  let channels: VoiceStoreState['channels'] = {};
  for (const s of servers ?? []) {
    for (const vs of s.voice_states ?? []) channels = applyVoiceState(channels, { ...vs, server_id: vs.server_id ?? s.server_id });
  }
  setState({ channels });
}

/** Gateway dispatches that concern voice (called for every dispatch; ignores the rest). */
export function handleVoiceDispatch(t: string, d: unknown) {
  switch (t) {
    case 'READY':
      seedVoiceStates(((d as { servers?: { voice_states?: VoiceState[]; server_id: string }[] }).servers ?? []));
      break;
    case 'SERVER_CREATE': {
      const s = d as { server_id: string; voice_states?: VoiceState[] };
      if (s.voice_states) {
        let channels = state.channels;
        for (const vs of s.voice_states) channels = applyVoiceState(channels, { ...vs, server_id: vs.server_id ?? s.server_id });
        setState({ channels });
      }
      break;
    }
    case 'VOICE_STATE_UPDATE': {
      const vs = d as VoiceState;
      if (!vs?.user_id) return;
      setState({ channels: applyVoiceState(state.channels, vs) });
      const me = store.getState().me?.user_id;
      if (current && vs.user_id === me) current.onOwnVoiceState(vs);
      break;
    }
    case 'VOICE_SERVER_UPDATE':
      current?.onVoiceServerUpdate(d as VoiceServerUpdate);
      break;
    default:
      break;
  }
}

// ---- preferences ----------------------------------------------------------------------------

const PREFS_KEY = 'guildhall.voice';

export interface VoicePrefs {
  audioInputId: string | null;
  videoInputId: string | null;
  audioOutputId: string | null;
  pushToTalk: boolean;
  /** The key held to talk (KeyboardEvent.code). */
  pttKey: string;
  screenSource: ScreenSource;
}

const DEFAULT_PREFS: VoicePrefs = { audioInputId: null, videoInputId: null, audioOutputId: null, pushToTalk: false, pttKey: 'Backquote', screenSource: 'display' };

export function loadPrefs(): VoicePrefs {
  try {
    const raw = localStorage.getItem(PREFS_KEY);
    const prefs = raw ? { ...DEFAULT_PREFS, ...JSON.parse(raw) } : { ...DEFAULT_PREFS };
    // an explicit override for test runs without screen capture: 'canvas' or 'auto'
    const screen = localStorage.getItem('guildhall.voice.screen');
    if (screen === 'canvas' || screen === 'auto' || screen === 'display') prefs.screenSource = screen;
    return prefs;
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function savePrefs(patch: Partial<VoicePrefs>) {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ ...loadPrefs(), ...patch }));
  } catch {
    /* storage unavailable */
  }
}

// ---- joining and leaving --------------------------------------------------------------------

/** Joins a voice channel (leaving the one I am in). Resolves once joined or failed; never throws. */
export async function joinVoice(channelId: string): Promise<boolean> {
  const s = store.getState();
  const me = s.me;
  if (!me || !depsFactory) return false;
  if (current && !current.isClosed && current.snapshot.channelId === channelId) return true;
  if (current) await leaveVoice();
  const prefs = loadPrefs();
  const session = new VoiceSession(depsFactory(), {
    channelId,
    serverId: s.channels[channelId]?.server_id ?? null,
    userId: me.user_id,
    audioInputId: prefs.audioInputId,
    videoInputId: prefs.videoInputId,
    pushToTalk: prefs.pushToTalk,
    screenSource: prefs.screenSource,
  });
  current = session;
  unsubscribeSession = session.subscribe(() => {
    if (current !== session) return;
    const snap = session.snapshot;
    if (snap.status === 'failed') {
      setState({ session: null, joinError: snap.error });
      drop(session);
    } else if (snap.status === 'disconnected') {
      setState({ session: null });
      drop(session);
    } else {
      setState({ session: snap });
    }
  });
  setState({ session: session.snapshot, joinError: null });
  try {
    await session.join();
    return true;
  } catch (e) {
    if (current === session) {
      setState({ session: null, joinError: `Could not join voice: ${errorText(e)}` });
      drop(session);
    }
    return false;
  }
}

function drop(session: VoiceSession) {
  if (current !== session) return;
  unsubscribeSession?.();
  unsubscribeSession = null;
  current = null;
}

export async function leaveVoice() {
  const session = current;
  if (!session) return;
  drop(session);
  setState({ session: null });
  const me = store.getState().me?.user_id;
  // my tile and ring go at once; the event confirms it
  if (me) {
    const mine = Object.entries(state.channels).find(([, users]) => users[me]);
    if (mine) setState({ channels: applyVoiceState(state.channels, { ...mine[1][me], channel_id: null }) });
  }
  await session.leave();
}

export function dismissJoinError() {
  setState({ joinError: null });
}

/** Logging out: leave voice and forget every state. */
export function resetVoice() {
  void leaveVoice();
  setState({ channels: {}, session: null, joinError: null });
}

// ---- the debug / test hook ------------------------------------------------------------------

export interface VoiceDebug {
  snapshot(): VoiceSnapshot | null;
  states(): VoiceStoreState['channels'];
  stats(): Promise<import('./VoiceSession').SourceStats[]>;
  outbound(): Promise<import('./VoiceSession').OutboundStats[]>;
  /** Closes the signalling socket as a network failure would (the session recovers by itself). */
  dropSignalling(): void;
}

/** `window.__guildhallVoice`: always present once voice is configured (no secrets: no tokens). */
export function installDebugHook() {
  if (typeof window === 'undefined') return;
  const hook: VoiceDebug = {
    snapshot: () => current?.snapshot ?? null,
    states: () => state.channels,
    stats: async () => (current ? current.stats() : []),
    outbound: async () => (current ? current.outboundStats() : []),
    dropSignalling: () => current?.simulateSignallingDrop(),
  };
  (window as unknown as { __guildhallVoice: VoiceDebug }).__guildhallVoice = hook;
}

/** Test-only: forget everything. */
export function __resetVoiceStoreForTests() {
  current = null;
  unsubscribeSession = null;
  state = { channels: {}, session: null, joinError: null };
}
