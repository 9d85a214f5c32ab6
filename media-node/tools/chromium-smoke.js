// Manual interop check: two headless Chromium PeerConnections through a running media node.
// Start the node with secrets of your own (it refuses published ones, ADR 142):
//   export GUILDHALL_INTERNAL_TOKEN=$(openssl rand -hex 32) GUILDHALL_VOICE_TOKEN_SECRET=$(openssl rand -hex 32)
//   PORT=18088 GUILDHALL_MEDIA_NODE_ID=smoke java -jar media-node/target/media-node-*-exec.jar
// then, in the same shell: PLAYWRIGHT_CORE=web-client/node_modules/playwright-core node media-node/tools/chromium-smoke.js
// Prints each side's inbound/outbound RTP stats and signalling frames; both should show inbound packets.
const { chromium } = require(process.env.PLAYWRIGHT_CORE ? require('path').resolve(process.env.PLAYWRIGHT_CORE) : 'playwright-core');
const crypto = require('crypto');
const BASE = process.env.MEDIA_NODE || 'http://localhost:18088';
const INTERNAL_TOKEN = process.env.GUILDHALL_INTERNAL_TOKEN;
const VOICE_SECRET = process.env.GUILDHALL_VOICE_TOKEN_SECRET;
if (!INTERNAL_TOKEN || !VOICE_SECRET) throw new Error('set GUILDHALL_INTERNAL_TOKEN and GUILDHALL_VOICE_TOKEN_SECRET as for the node');
const b64u = b => Buffer.from(b).toString('base64').replace(/=/g,'').replace(/\+/g,'-').replace(/\//g,'_');
function token(user, session, channel) {
  const key = crypto.createHash('sha256').update(VOICE_SECRET).digest();
  const h = b64u(JSON.stringify({alg:'HS256', typ:'guildhall-voice+jwt'}));
  const p = b64u(JSON.stringify({sub:user, server_id:'1', channel_id:channel, node_id:'smoke', session_id:session,
    permissions:{speak:true, video:true, stream:true}, exp: Math.floor(Date.now()/1000)+120}));
  const s = b64u(crypto.createHmac('sha256', key).update(h+'.'+p).digest());
  return h+'.'+p+'.'+s;
}
async function patch(conf, body) {
  const r = await fetch(BASE+'/internal/colibri/conferences/'+conf, {method:'PATCH',
    headers:{'Content-Type':'application/json','X-Guildhall-Internal-Token':INTERNAL_TOKEN}, body: JSON.stringify(body)});
  return [r.status, await r.text()];
}
(async () => {
  const ch = '555';
  console.log(await patch(ch, {create:true, channel_id:ch, server_id:'1', endpoints:[
    {id:'sa', create:true, user_id:'10', permissions:{speak:true,video:true,stream:true}},
    {id:'sb', create:true, user_id:'20', permissions:{speak:true,video:true,stream:true}}]}));
  const browser = await chromium.launch({executablePath:'/usr/bin/chromium', args:['--no-sandbox','--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream','--autoplay-policy=no-user-gesture-required','--disable-background-networking',
    '--disable-component-update','--disable-sync','--no-first-run']});
  const page = await browser.newPage();
  page.on('console', m => console.log('PAGE', m.text()));
  await page.goto(BASE + '/actuator/health');
  const result = await page.evaluate(async ([ta, tb]) => {
    const log = (...a) => console.log(...a);
    async function join(name, tok, withVideo) {
      const media = await navigator.mediaDevices.getUserMedia({audio:true, video:withVideo});
      const pc = new RTCPeerConnection();
      const ws = new WebSocket(location.origin.replace('http', 'ws') + '/signal');
      const st = {name, pc, frames:[], speaking:[], sources:null, closed:null};
      ws.onclose = e => { st.closed = e.code + ' ' + e.reason; log(name, 'closed', st.closed); };
      pc.onicecandidate = e => { if (e.candidate) ws.send(JSON.stringify({op:'candidate', d:{candidate:e.candidate.candidate, sdp_mid:e.candidate.sdpMid}})); };
      pc.onconnectionstatechange = () => log(name, 'pc', pc.connectionState);
      ws.onopen = () => ws.send(JSON.stringify({op:'identify', d:{voice_token: tok}}));
      ws.onmessage = async ev => {
        const f = JSON.parse(ev.data); st.frames.push(f.op);
        if (f.op === 'speaking') st.speaking.push(f.d);
        if (f.op === 'sources') st.sources = f.d;
        if (f.op === 'offer') {
          await pc.setRemoteDescription({type:'offer', sdp:f.d.sdp});
          for (const t of pc.getTransceivers()) {
            if (t.mid === 'audio') { await t.sender.replaceTrack(media.getAudioTracks()[0]); t.direction = 'sendonly'; }
            else if (t.mid === 'video' && withVideo) { await t.sender.replaceTrack(media.getVideoTracks()[0]); t.direction = 'sendonly'; }
            else if (t.mid === 'video' || t.mid === 'screen') { t.direction = 'inactive'; }
          }
          const answer = await pc.createAnswer();
          await pc.setLocalDescription(answer);
          ws.send(JSON.stringify({op:'answer', d:{sdp: pc.localDescription.sdp}}));
        }
      };
      return st;
    }
    const a = await join('A', ta, false);
    const b = await join('B', tb, true);
    await new Promise(r => setTimeout(r, 12000));
    async function inbound(st) {
      const out = [];
      (await st.pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp') out.push(s.kind + ':' + s.packetsReceived + (s.framesDecoded !== undefined ? ' frames ' + s.framesDecoded : '')); });
      const outb = [];
      (await st.pc.getStats()).forEach(s => { if (s.type === 'outbound-rtp') outb.push(s.kind + ':' + s.packetsSent + ' bw ' + s.targetBitrate + ' nack ' + s.nackCount + ' pli ' + s.pliCount); });
      return {state: st.pc.connectionState, inbound: out, outbound: outb, frames: st.frames.join(','), sources: st.sources, speaking: st.speaking.length, closed: st.closed};
    }
    return {A: await inbound(a), B: await inbound(b)};
  }, [token('10','sa',ch), token('20','sb',ch)]);
  console.log(JSON.stringify(result, null, 1));
  console.log(await (await fetch(BASE+'/internal/colibri/conferences/'+ch, {headers:{'X-Guildhall-Internal-Token':INTERNAL_TOKEN}})).text());
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
