// How long a listener went without a speaker's audio, from samples of the listener's inbound RTP statistics taken
// about every 100 ms while something (a media-node restart) moved the call. Two measures:
//   - "sampled": the time between two samples in which the packet count moved — an upper bound, which also counts
//     any pause of the sampler itself (getStats answers late while a loaded page sets up a connection);
//   - "missed": between two such samples, the time the receiver's last-packet clock advanced less the audio the new
//     packets carry (20 ms each, Opus' frame) — the audio that did not arrive, whenever it was sampled;
//   - "concealed": what the receiver's jitter buffer filled in (lost or late packets, 48 kHz samples), summed over
//     consecutive sample intervals in which it concealed at least half the time — what a listener hears as a drop-out,
//     also when packets came in a late burst.
// A sample: { asked, at, packets, track, lastPacketAt, concealed, sessionId } (packets null when the source was not
// listed; track: the played track's id).

/** Opus frames as the browser sends them. */
export const PACKET_MS = 20;

/**
 * @param samples   in the order taken
 * @param session   the listener's session id before the restart (a new one = told to move)
 * @param started   when the restart began (ms), the first flow's reference
 * @param nearMs    a gap "of a move" overlaps this long after the listener was told to move: the longest a move's
 *                  overlap lasts (the client's 20 s cap, ADR 284) and its 2 s linger
 */
export function audioGaps(samples, session, started, nearMs = 22_000) {
  const moves = [];
  const sampled = [];
  const missed = [];
  const concealed = [];
  let run = null; // the drop-out being summed: { ms, from, to }
  let prev = null; // the last sample in which the packet count moved (or the first with a count)
  let lastFlow = started;
  let longestSamplerPause = 0;
  let current = session;
  for (const s of samples) {
    longestSamplerPause = Math.max(longestSamplerPause, s.at - s.asked);
    if (s.sessionId && s.sessionId !== current) {
      moves.push(s.at);
      current = s.sessionId;
    }
    if (s.packets === null) continue;
    if (prev === null) {
      prev = s;
      continue;
    }
    // a new receiver (a move's new connection) counts from 0 again; its track may carry the same id (the node names
    // tracks by their mid)
    const sameTrack = s.track === prev.track && s.packets >= prev.packets;
    const moved = sameTrack ? s.packets > prev.packets : s.packets > 0;
    if (!moved) continue;
    if (sameTrack && s.concealed !== null && prev.concealed !== null) {
      const ms = (s.concealed - prev.concealed) / 48;
      if (ms >= (s.at - prev.at) / 2) {
        run = run ?? { ms: 0, from: prev.at, to: s.at };
        run.ms += ms;
        run.to = s.at;
      } else if (run) {
        concealed.push({ ...run, ms: Math.round(run.ms) });
        run = null;
      }
    }
    sampled.push({ ms: s.at - lastFlow, from: lastFlow, to: s.at });
    lastFlow = s.at;
    if (s.lastPacketAt !== null && prev.lastPacketAt !== null) {
      const arrived = sameTrack ? s.packets - prev.packets : s.packets;
      const ms = Math.max(0, Math.round(s.lastPacketAt - prev.lastPacketAt - arrived * PACKET_MS));
      missed.push({ ms, from: prev.at, to: s.at });
    }
    prev = s;
  }
  if (run) concealed.push({ ...run, ms: Math.round(run.ms) });
  const near = (g) => moves.some((m) => g.to >= m && g.from <= m + nearMs);
  const longestOf = (list) => list.reduce((max, g) => Math.max(max, g.ms), 0);
  const split = (list) => ({ near: longestOf(list.filter(near)), elsewhere: longestOf(list.filter((g) => !near(g))) });
  const result = {
    moves: moves.map((m) => m - started),
    sampled: split(sampled),
    missed: split(missed),
    concealed: split(concealed),
    longestSampled: longestOf(sampled),
    longestSamplerPause,
    worstSampled: [...sampled].sort((a, b) => b.ms - a.ms).slice(0, 3).map((g) => ({ ms: g.ms, at: g.from - started })),
    worstMissed: [...missed].sort((a, b) => b.ms - a.ms).slice(0, 3).map((g) => ({ ms: g.ms, at: g.from - started })),
  };
  const at = (list) => list.map((g) => `${g.ms} ms at +${(g.at / 1000).toFixed(1)} s`).join(', ');
  result.report = `audio from B missing at A (packet clock): ${result.missed.near} ms within ${nearMs / 1000} s of a move `
    + `(${moves.length} moves at ${result.moves.map((m) => `+${(m / 1000).toFixed(1)} s`).join(', ')}), `
    + `${result.missed.elsewhere} ms elsewhere [worst: ${at(result.worstMissed)}]; concealed in one drop-out: `
    + `${result.concealed.near} ms near a move, ${result.concealed.elsewhere} ms elsewhere; between samples with new packets: `
    + `${result.sampled.near} ms near a move, ${result.sampled.elsewhere} ms elsewhere [worst: ${at(result.worstSampled)}]; `
    + `longest sampler pause ${longestSamplerPause} ms; ${samples.length} samples`;
  return result;
}
