import { beforeEach, describe, expect, it } from 'vitest';
import type { VoiceState } from './types';
import { buildTiles } from './VideoGrid';
import { __resetVoiceStoreForTests, applyVoiceState, handleVoiceDispatch, voiceStore } from './voiceStore';

const vs = (user: string, channel: string | null, extra: Partial<VoiceState> = {}): VoiceState => ({
  server_id: 'g1',
  channel_id: channel,
  user_id: user,
  session_id: `s-${user}`,
  self_mute: false,
  self_deaf: false,
  self_video: false,
  self_stream: false,
  mute: false,
  deaf: false,
  ...extra,
});

describe('voice states', () => {
  beforeEach(() => __resetVoiceStoreForTests());

  it('a user is in one channel at most; channel_id null removes them', () => {
    let c = applyVoiceState({}, vs('a', 'v1'));
    c = applyVoiceState(c, vs('b', 'v1'));
    c = applyVoiceState(c, vs('a', 'v2'));
    expect(Object.keys(c.v1)).toEqual(['b']);
    expect(Object.keys(c.v2)).toEqual(['a']);
    c = applyVoiceState(c, vs('b', null));
    expect(c.v1).toBeUndefined();
    c = applyVoiceState(c, vs('a', 'v2', { self_mute: true }));
    expect(c.v2.a.self_mute).toBe(true);
  });

  it('READY seeds the states of every server; VOICE_STATE_UPDATE keeps them live', () => {
    handleVoiceDispatch('READY', { servers: [{ server_id: 'g1', voice_states: [vs('a', 'v1'), vs('b', 'v1')] }, { server_id: 'g2' }] });
    expect(Object.keys(voiceStore.getState().channels.v1).sort()).toEqual(['a', 'b']);
    handleVoiceDispatch('VOICE_STATE_UPDATE', vs('a', null));
    expect(Object.keys(voiceStore.getState().channels.v1)).toEqual(['b']);
    handleVoiceDispatch('MESSAGE_CREATE', { content: 'x' });
    expect(Object.keys(voiceStore.getState().channels.v1)).toEqual(['b']);
  });
});

describe('video tiles', () => {
  const s = (x: string) => ({ id: x }) as unknown as MediaStream;

  it('shows cameras and screens whose owners say they are on, and avatars for the rest', () => {
    const states = { me: vs('me', 'v1'), u2: vs('u2', 'v1', { self_video: true }), u3: vs('u3', 'v1', { self_stream: true }) };
    const remote = [
      { mid: 'd0', userId: 'u2', kind: 'audio', stream: s('a') },
      { mid: 'd1', userId: 'u2', kind: 'video', stream: s('v') },
      { mid: 'd2', userId: 'u3', kind: 'video', stream: s('v3') }, // u3's camera is off
      { mid: 'd3', userId: 'u3', kind: 'screen', stream: s('sc') },
    ];
    const tiles = buildTiles('me', null, null, remote, states);
    expect(tiles.map((t) => `${t.userId}:${t.kind}`)).toEqual(['u3:screen', 'u2:camera', 'me:avatar', 'u3:avatar']);
  });

  it('a user who left loses every tile', () => {
    const states = { me: vs('me', 'v1') };
    const remote = [{ mid: 'd1', userId: 'u2', kind: 'video', stream: s('v') }];
    expect(buildTiles('me', s('local'), null, remote, states).map((t) => `${t.userId}:${t.kind}`)).toEqual(['me:camera']);
  });
});
