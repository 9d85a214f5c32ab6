#!/usr/bin/env node
// Web client performance against a running fleet, in headless Debian Chromium (playwright-core):
//
//   1. initial JavaScript: bytes of every script response of a first load, as transferred, and
//      the gzip size of the dist/assets/*.js that dist/index.html references;
//   2. First Contentful Paint and Largest Contentful Paint (PerformanceObserver 'paint' and
//      'largest-contentful-paint'), median of N loads (fresh browser context each: cold HTTP
//      cache, warm server) of the logged-out login page and of the logged-in main view;
//   3. scrolling a channel with 10,000 messages (seeded through the API; once per fleet, the
//      seed is remembered in $TMPDIR): requestAnimationFrame frame times while scrolling up
//      through the whole history (the client pages it in, 50 at a time) and then top to bottom.
//
//   node scripts/perf.mjs [URL]              URL of the gateway, default http://localhost:8080
//     --runs N          loads per median (5)           --messages N     messages to seed (10000)
//     --users N         senders for the seed (100)     --px N           scroll step per frame (250)
//     --reseed          seed a new channel even if one is remembered
//     --start-fleet     start a fleet of its own for the run (like e2e/run.mjs) and stop it after
//     --markdown        also print the results as a Markdown table
//     --no-scroll       skip the scrolling measurement
//
// Seeding respects the 5 messages / 5 s per user per channel limit: N users send 1 message per
// second each. Users are registered and logged in on auth-service's own port (8081 + offset; the
// gateway allows 60 registrations per 10 min per address) and messages go to message-service's
// port (8083 + offset) with the same JWT; both fall back to the gateway when not reachable.
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium, CHROMIUM } from '../e2e/lib/browser.mjs';
import { call, registerAndLogin, serverWithInvite, join as joinInvite, warmUp } from '../e2e/lib/api.mjs';
import { Fleet, pickOffset } from '../e2e/lib/fleet.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webClient = resolve(here, '..');
const distDir = join(webClient, 'dist');

// ---- options -------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = { url: 'http://localhost:8080', runs: 5, messages: 10_000, users: 100, px: 250, reseed: false, startFleet: false, markdown: false, scroll: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => Number(argv[++i]);
    if (a === '--runs') o.runs = num();
    else if (a === '--messages') o.messages = num();
    else if (a === '--users') o.users = num();
    else if (a === '--px') o.px = num();
    else if (a === '--reseed') o.reseed = true;
    else if (a === '--start-fleet') o.startFleet = true;
    else if (a === '--markdown') o.markdown = true;
    else if (a === '--no-scroll') o.scroll = false;
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 24).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (!a.startsWith('--')) o.url = a.replace(/\/+$/, '');
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(...a);

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const q = (p) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(p * v.length) - 1))] : NaN);
  return { n: v.length, min: v[0], median: q(0.5), p95: q(0.95), max: v[v.length - 1], mean: v.reduce((s, x) => s + x, 0) / (v.length || 1) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');

// ---- 1. bundle sizes from dist ---------------------------------------------------------------

function distSizes() {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const refs = [
    ...[...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ].filter((r) => r.endsWith('.js'));
  const files = refs.map((ref) => {
    const buf = readFileSync(join(distDir, ref.replace(/^\//, '')));
    return {
      file: ref,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const all = readdirSync(join(distDir, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = all.filter((f) => !refs.some((r) => r.endsWith(f)));
  const lazyGzip = lazy.reduce((s, f) => s + gzipSync(readFileSync(join(distDir, 'assets', f)), { level: 9 }).length, 0);
  return { files, lazyCount: lazy.length, lazyGzip };
}

// ---- seeding -------------------------------------------------------------------------------

function servicePorts(url) {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const offset = port - 8080;
  const at = (p) => `${u.protocol}//${u.hostname}:${p + offset}`;
  return { auth: at(8081), message: at(8083) };
}

async function reachable(base) {
  try {
    const r = await fetch(base + '/actuator/health', { signal: AbortSignal.timeout(2000) });
    return r.status < 500;
  } catch {
    return false;
  }
}

function seedFile(url) {
  return join(tmpdir(), `guildhall-perf-seed-${new URL(url).host.replace(/[^a-z0-9]+/gi, '_')}.json`);
}

const WORDS = 'the guild hall is a place where people gather to talk about builds raids memes code music and everything in between'.split(' ');

function content(i) {
  // varied heights: mostly one line, some long paragraphs, some multi-line, a few code blocks
  const r = (i * 2654435761) % 100;
  const words = (n) => Array.from({ length: n }, (_, k) => WORDS[(i + k * 7) % WORDS.length]).join(' ');
  if (r < 60) return `#${i} ${words(4 + (r % 12))}`;
  if (r < 85) return `#${i} ${words(30 + (r % 40))}`;
  if (r < 95) return `#${i} ${words(6)}\n${words(8)}\n${words(5)}`;
  return `#${i} look at this:\n\`\`\`\nfor (let k = 0; k < ${r}; k++) {\n  console.log(k)\n}\n\`\`\``;
}

async function seed(url, opts) {
  const file = seedFile(url);
  if (!opts.reseed && existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8'));
    try {
      const viewer = await call(url, 'POST', '/api/v1/auth/login', { body: { login: s.viewer.username, password: s.viewer.password } });
      const msgs = await call(url, 'GET', `/api/v1/channels/${s.channelId}/messages?limit=1`, { token: viewer.access_token });
      if (msgs.length && s.count >= opts.messages) {
        log(`seed: reusing ${s.count} messages in channel ${s.channelId} (${file}; --reseed for a new one)`);
        return { ...s, viewerToken: viewer.access_token };
      }
    } catch (e) {
      log(`seed: the remembered seed is gone (${e.message.split('\n')[0]}), seeding again`);
    }
  }
  const ports = servicePorts(url);
  const authUrl = (await reachable(ports.auth)) ? ports.auth : url;
  const messageUrl = (await reachable(ports.message)) ? ports.message : url;
  log(`seed: ${opts.messages} messages from ${opts.users} users (auth via ${authUrl}, messages via ${messageUrl})`);
  const started = Date.now();
  const viewer = await registerAndLogin(url, 'perfview', { authUrl });
  const { server, general, invite } = await serverWithInvite(url, viewer, `Perf ${opts.messages}`);
  const users = [];
  const loginVia = authUrl;
  for (let i = 0; i < opts.users; i += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, opts.users - i) }, async () => {
        const u = await registerAndLoginAt(url, loginVia, 'perf');
        await joinInvite(url, u, invite.code);
        return u;
      }),
    );
    users.push(...batch);
  }
  log(`seed: ${users.length} users registered and joined in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  let next = 0;
  let sent = 0;
  let limited = 0;
  let inFlight = 0;
  const maxInFlight = 12;
  const sendStarted = Date.now();
  const worker = async (u, k) => {
    await sleep((k * 1000) / users.length); // spread the senders over the first second
    for (;;) {
      const i = next++;
      if (i >= opts.messages) return;
      for (;;) {
        while (inFlight >= maxInFlight) await sleep(5);
        const t0 = Date.now();
        inFlight++;
        try {
          await call(messageUrl, 'POST', `/api/v1/channels/${general.channel_id}/messages`, { token: u.token, body: { content: content(i) } });
          inFlight--;
          sent++;
          if (sent % 1000 === 0) log(`seed: ${sent} sent (${(sent / ((Date.now() - sendStarted) / 1000)).toFixed(0)}/s, ${limited} rate limited)`);
          await sleep(Math.max(0, 1050 - (Date.now() - t0)));
          break;
        } catch (e) {
          inFlight--;
          if (e.status === 429) {
            limited++;
            await sleep(Math.ceil((Number(e.body?.retry_after) || 1) * 1000) + 50);
          } else if (e.status === 401) {
            const fresh = await call(loginVia, 'POST', '/api/v1/auth/login', { body: { login: u.username, password: u.password } });
            u.token = fresh.access_token;
          } else {
            throw e;
          }
        }
      }
    }
  };
  await Promise.all(users.map((u, k) => worker(u, k)));
  const secs = (Date.now() - sendStarted) / 1000;
  log(`seed: ${sent} messages in ${secs.toFixed(0)} s (${(sent / secs).toFixed(0)}/s, ${limited} answered 429)`);
  const s = {
    url, serverId: server.server_id, channelId: general.channel_id, count: sent,
    viewer: { username: viewer.username, password: viewer.password }, seededAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(s, null, 2));
  return { ...s, viewerToken: viewer.token };
}

async function registerAndLoginAt(gatewayUrl, authUrl, prefix) {
  return registerAndLogin(authUrl, prefix, { authUrl });
}

// ---- 2. page loads -------------------------------------------------------------------------

const PAINT_OBSERVER = () => {
  window.__perf = { fcp: null, lcp: null, lcpElement: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    const last = entries[entries.length - 1];
    if (last) {
      window.__perf.lcp = last.startTime;
      window.__perf.lcpElement = last.element ? `${last.element.tagName.toLowerCase()}.${[...last.element.classList].join('.')}` : null;
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
};

/** measureLoad, once more after a failure (dist/ rebuilt under the gateway, a cold service). */
async function measureLoad(...args) {
  try {
    return await measureLoadOnce(...args);
  } catch (e) {
    log(`a load failed (${e.message.split('\n')[0]}); trying it once more`);
    await sleep(5000);
    return measureLoadOnce(...args);
  }
}

/** One load of `path` in a fresh context; `ready(page)` waits for the view to be complete. */
async function measureLoadOnce(browser, url, path, ready, storageState) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const page = await context.newPage();
  await page.addInitScript(PAINT_OBSERVER);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map();
  const scripts = [];
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || null }));
  cdp.on('Network.loadingFinished', (e) => {
    const t = types.get(e.requestId);
    if (t && t.type === 'Script') scripts.push({ url: t.url, bytes: e.encodedDataLength, encoding: t.encoding });
  });
  const t0 = Date.now();
  await page.goto(url + path, { waitUntil: 'load' });
  try {
    await ready(page);
  } catch (e) {
    await failureShot(page, `load-${path.replace(/[^a-z0-9]+/gi, '-')}`);
    throw e;
  }
  const readyMs = Date.now() - t0;
  await page.waitForTimeout(1000); // let LCP settle
  const perf = await page.evaluate(() => window.__perf);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return n ? { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : {};
  });
  const state = await context.storageState();
  await context.close();
  return { ...perf, ...nav, readyMs, scripts, storageState: state };
}

async function loginOnce(browser, url, viewer) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + '/login');
  await page.getByLabel('Email or username', { exact: true }).fill(viewer.username);
  await page.getByLabel('Password', { exact: true }).fill(viewer.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.locator('nav[aria-label="Servers"]').waitFor({ state: 'attached', timeout: 30_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

async function failureShot(page, name) {
  const dir = join(webClient, 'test-results', 'perf');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `FAILED-${name}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  console.error(`screenshot: ${file} (url ${page.url()})`);
}

// ---- 3. scrolling --------------------------------------------------------------------------

async function scrollBench(browser, url, s, storageState, px) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const page = await context.newPage();
  let rateLimited = 0;
  page.on('response', (r) => {
    if (r.status() === 429) rateLimited++;
  });
  await page.goto(`${url}/channels/${s.serverId}/${s.channelId}`);
  await page.locator('[role="log"][aria-label="Messages"] [data-message-id]').first().waitFor({ state: 'visible', timeout: 60_000 })
    .catch(async (e) => {
      await failureShot(page, 'scroll');
      throw e;
    });
  await page.waitForTimeout(1000);
  // up: as fast as the client pages history in (a big step each frame), to have all of it
  const up = await page.evaluate(async ({ px, timeoutMs }) => {
    const log = document.querySelector('[role="log"][aria-label="Messages"]');
    let el = log.parentElement;
    while (el && !(el.scrollHeight > el.clientHeight && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    window.__scroller = el;
    const frames = [];
    const started = performance.now();
    let last = started;
    let atTopSince = null;
    return new Promise((resolve) => {
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        el.scrollTop = Math.max(0, el.scrollTop - px);
        const start = el.querySelector('.channel-start') || [...el.querySelectorAll('h3')].find((h) => /^Welcome to #/.test(h.textContent));
        if (el.scrollTop === 0 && start) atTopSince ??= now;
        else atTopSince = null;
        if ((atTopSince !== null && now - atTopSince > 500) || now - started > timeoutMs) {
          resolve({ frames: frames.slice(1), ms: now - started, reachedStart: atTopSince !== null, scrollHeight: el.scrollHeight });
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, { px: 2000, timeoutMs: 600_000 });
  await page.waitForTimeout(500);
  const down = await page.evaluate(async ({ px, timeoutMs }) => {
    const el = window.__scroller;
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const longTasks = [];
    new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    const frames = [];
    const started = performance.now();
    let last = started;
    let bottomFrames = 0;
    return new Promise((resolve) => {
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        el.scrollTop += px;
        const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
        bottomFrames = atBottom ? bottomFrames + 1 : 0;
        if (bottomFrames > 10 || now - started > timeoutMs) {
          const rows = [...el.querySelectorAll('[data-index]')].map((n) => Number(n.getAttribute('data-index')));
          resolve({ frames: frames.slice(1, frames.length - bottomFrames), ms: now - started, scrollHeight: el.scrollHeight, rows: Math.max(...rows) + 1, longTasks });
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, { px, timeoutMs: 400_000 });
  await context.close();
  return { up: { ...up, rateLimited }, down };
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let fleet = null;
  let browser = null;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => {});
    if (fleet) await fleet.stop();
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      await stopAll();
      process.exit(130);
    });
  }
  try {
    if (opts.startFleet) {
      const offset = await pickOffset(Number(process.env.GUILDHALL_WEB_E2E_OFFSET || 11000), Boolean(process.env.GUILDHALL_WEB_E2E_OFFSET));
      fleet = new Fleet({ repoRoot: resolve(webClient, '..'), offset, artifactsDir: join(webClient, 'test-results', 'perf') });
      await fleet.start();
      opts.url = fleet.url;
    }
    const url = opts.url;
    const conditions = {
      date: new Date().toISOString(),
      cpus: `${cpus().length} × ${cpus()[0]?.model?.trim()}`,
      memGiB: Math.round(totalmem() / 2 ** 30),
      loadBefore: loadavg().map((x) => x.toFixed(2)).join(' '),
    };
    log(`perf against ${url}; ${conditions.cpus}, ${conditions.memGiB} GiB, load ${conditions.loadBefore}`);

    const dist = distSizes();
    const warmMs = await warmUp(url, { log });
    log(`warm-up through the API: ${(warmMs / 1000).toFixed(1)} s`);
    const s = await seed(url, opts);

    browser = await launchChromium();
    conditions.chromium = `${browser.version()} headless (${CHROMIUM})`;
    log(`browser: Chromium ${conditions.chromium}`);

    // warm the server (and its JIT) with one load of each view before measuring
    const loginReady = (page) => page.getByLabel('Email or username', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 });
    const mainPath = `/channels/${s.serverId}/${s.channelId}`;
    const mainReady = (page) => page.locator('[role="log"][aria-label="Messages"] [data-message-id]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await measureLoad(browser, url, '/login', loginReady);
    let storage = await loginOnce(browser, url, s.viewer);
    const warm = await measureLoad(browser, url, mainPath, mainReady, storage);
    storage = warm.storageState;

    const loginRuns = [];
    for (let i = 0; i < opts.runs; i++) loginRuns.push(await measureLoad(browser, url, '/login', loginReady));
    const mainRuns = [];
    for (let i = 0; i < opts.runs; i++) {
      const r = await measureLoad(browser, url, mainPath, mainReady, storage);
      storage = r.storageState; // the refresh token rotates
      mainRuns.push(r);
    }
    log(`loads: ${opts.runs} × login page, ${opts.runs} × main view done`);

    const scroll = opts.scroll ? await scrollBench(browser, url, s, storage, opts.px)
      : { up: { frames: [], ms: 0, reachedStart: false, rateLimited: 0 }, down: { frames: [], ms: 0, rows: 0, scrollHeight: 0, longTasks: [] } };
    conditions.loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');

    // ---- report ----
    const first = loginRuns[0];
    const transferred = first.scripts.reduce((n, x) => n + x.bytes, 0);
    const mainTransferred = mainRuns[0].scripts.reduce((n, x) => n + x.bytes, 0);
    const encodings = [...new Set(first.scripts.map((x) => x.encoding ?? 'none'))].join(', ');
    const fcpLogin = stats(loginRuns.map((r) => r.fcp));
    const lcpLogin = stats(loginRuns.map((r) => r.lcp));
    const fcpMain = stats(mainRuns.map((r) => r.fcp));
    const lcpMain = stats(mainRuns.map((r) => r.lcp));
    const readyMain = stats(mainRuns.map((r) => r.readyMs));
    const upStats = stats(scroll.up.frames);
    const downStats = stats(scroll.down.frames);
    const slow = (f) => f.filter((x) => x > 50).length;

    const rows = [
      ['Initial JS transferred, login page', `${kb(transferred)} in ${first.scripts.length} script(s), content-encoding: ${encodings}`],
      ['Initial JS transferred, main view', `${kb(mainTransferred)} in ${mainRuns[0].scripts.length} script(s)`],
    ];
    if (dist) {
      const raw = dist.files.reduce((n, f) => n + f.raw, 0);
      const gz = dist.files.reduce((n, f) => n + f.gzip, 0);
      const br = dist.files.reduce((n, f) => n + f.brotli, 0);
      rows.push(['Initial JS in dist (index.html refs)', `${kb(raw)} raw, ${kb(gz)} gzip -9, ${kb(br)} brotli (${dist.files.map((f) => f.file).join(', ')})`]);
      rows.push(['Lazy chunks in dist', `${dist.lazyCount} file(s), ${kb(dist.lazyGzip)} gzip -9`]);
    }
    rows.push(
      [`FCP login page (median of ${opts.runs})`, `${ms(fcpLogin.median)} (min ${ms(fcpLogin.min)}, max ${ms(fcpLogin.max)})`],
      [`LCP login page (median of ${opts.runs})`, `${ms(lcpLogin.median)} (min ${ms(lcpLogin.min)}, max ${ms(lcpLogin.max)}; element ${first.lcpElement})`],
      [`FCP main view (median of ${opts.runs})`, `${ms(fcpMain.median)} (min ${ms(fcpMain.min)}, max ${ms(fcpMain.max)})`],
      [`LCP main view (median of ${opts.runs})`, `${ms(lcpMain.median)} (min ${ms(lcpMain.min)}, max ${ms(lcpMain.max)}; element ${mainRuns[0].lcpElement})`],
      ['Main view: goto → first message visible', `${ms(readyMain.median)} median`],
      [`Scroll up through ${s.count} messages (pages history in, 2000 px/frame)`,
        `${(scroll.up.ms / 1000).toFixed(1)} s${scroll.up.reachedStart ? '' : ' (did NOT reach the start)'}, ${upStats.n} frames, p95 ${ms(upStats.p95)}, ${slow(scroll.up.frames)} > 50 ms, max ${ms(upStats.max)}, ${scroll.up.rateLimited} × 429`],
      [`Scroll top → bottom (${opts.px} px/frame)`,
        `${(scroll.down.ms / 1000).toFixed(1)} s, ${downStats.n} frames, p95 ${ms(downStats.p95)}, median ${ms(downStats.median)}, ${slow(scroll.down.frames)} > 50 ms, max ${ms(downStats.max)}; ${scroll.down.rows} rows, ${(scroll.down.scrollHeight / 1000).toFixed(0)}k px; ${scroll.down.longTasks.length} long tasks`],
    );
    const w = Math.max(...rows.map((r) => r[0].length));
    log('');
    log(`${'MEASURE'.padEnd(w)}  RESULT`);
    log(`${'-'.repeat(w)}  ${'-'.repeat(40)}`);
    for (const [k, v] of rows) log(`${k.padEnd(w)}  ${v}`);
    log('');
    log(`conditions: ${conditions.cpus}, ${conditions.memGiB} GiB; load ${conditions.loadBefore} before, ${conditions.loadAfter} after; Chromium ${conditions.chromium}; viewport 1280×800; each load in a fresh context (cold HTTP cache), server warmed by one load of each view first`);
    if (opts.markdown) {
      log('');
      log('| measure | result |');
      log('|---|---|');
      for (const [k, v] of rows) log(`| ${k} | ${v.replace(/\|/g, '\\|')} |`);
    }
  } finally {
    await stopAll();
  }
}

main().catch((e) => {
  console.error(e.stack ?? e);
  process.exit(1);
});
