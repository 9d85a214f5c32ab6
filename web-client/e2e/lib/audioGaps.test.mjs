import { describe, expect, it } from 'vitest';
import { audioGaps } from './audioGaps.mjs';

// samples every 100 ms of a steady 50 packets/s, from t = 0; `edit` changes some of them
function steady(n, edit = () => {}) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const at = i * 100;
    const s = { asked: at - 10, at, packets: 5 * i + 1, track: 'old', lastPacketAt: at, sessionId: 's1' };
    edit(s, i);
    out.push(s);
  }
  return out;
}

describe('audioGaps', () => {
  it('finds nothing missing in steady audio', () => {
    const r = audioGaps(steady(50), 's1', 0);
    expect(r.missed).toEqual({ near: 0, elsewhere: 0 });
    expect(r.longestSampled).toBe(100);
  });

  it('sums what the jitter buffer concealed in one drop-out, also when the packets came late in a burst', () => {
    // a fifth of each interval concealed here and there: no drop-out
    const r = audioGaps(steady(50, (s, i) => { s.concealed = 960 * Math.min(Math.max(i - 10, 0), 6); }), 's1', 0);
    expect(r.concealed.elsewhere).toBe(0);
    // from 1.0 s to 1.6 s all of it (late packets, then a burst: the packet clock sees no gap)
    const r2 = audioGaps(steady(50, (s, i) => { s.concealed = 4800 * Math.min(Math.max(i - 10, 0), 6); }), 's1', 0);
    expect(r2.missed.elsewhere).toBe(0);
    expect(r2.concealed.elsewhere).toBe(600);
  });

  it('tells a pause of the sampler (packets kept arriving) from a pause of the audio', () => {
    // samples 11..29 never came back (the page was busy), but the packets arrived all along
    const samplerPaused = steady(50).filter((_, i) => i <= 10 || i >= 30);
    const r1 = audioGaps(samplerPaused, 's1', 0);
    expect(r1.longestSampled).toBe(2000);
    expect(r1.missed.elsewhere).toBe(0);
    // the same 2 s with no packets: the count and the packet clock stand still
    const audioPaused = steady(50, (s, i) => {
      if (i > 10 && i < 30) { s.packets = 51; s.lastPacketAt = 1000; }
      if (i >= 30) s.packets -= 95;
    });
    const r2 = audioGaps(audioPaused, 's1', 0);
    expect(r2.missed.elsewhere).toBe(1900);
  });

  it.each([['a new track id', 'new'], ['the same track id (the node names tracks by mid)', 'old']])('follows a switch to a new connection, whose count starts again (%s), and sorts gaps by the moves near them', (_, newTrack) => {
    const samples = steady(200, (s, i) => {
      if (i >= 40) s.sessionId = 's2'; // told to move at 4.0 s
      if (i >= 60) {
        // played from the new connection's track from 6.0 s; its audio began at 7.0 s (a 1 s gap)
        s.track = newTrack;
        s.packets = Math.max(0, 5 * (i - 70) + 1);
        s.lastPacketAt = i >= 70 ? s.at : null;
      }
    });
    const r = audioGaps(samples, 's1', 0);
    expect(r.moves).toEqual([4000]);
    expect(r.missed.near).toBeGreaterThanOrEqual(900);
    expect(r.missed.near).toBeLessThanOrEqual(1100);
    expect(r.missed.elsewhere).toBe(0);
  });
});
