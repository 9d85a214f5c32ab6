#!/usr/bin/env node
// Browser end-to-end tests of the web client (npm run test:e2e).
//
// Starts a Guildhall fleet of its own (launcher jar `up` on a fresh data directory, port offset
// 31000 or the next free one), checks that its gateway serves web-client/dist, runs the scenarios
// of scenarios.mjs in headless Debian Chromium (playwright-core; never downloads a browser), and
// always stops the fleet again. Screenshots and failure artifacts go to web-client/test-results/.
//
//   node e2e/run.mjs [filter]            only the scenarios whose name contains filter
//
// Environment:
//   GUILDHALL_WEB_E2E_URL=http://localhost:8080   use a running fleet instead of starting one
//   GUILDHALL_WEB_E2E_ANY_CLIENT=1                with _URL: do not require that it serves dist/ (Vite dev)
//   GUILDHALL_WEB_E2E_OFFSET=N                    port offset of the fleet started (default: the
//                                                 first free of 11000, 11100, ... then 31000, ...)
//   GUILDHALL_WEB_E2E_SERVICES=a,b,...|all        services of the fleet started (default: all but
//                                                 media-node)
//   GUILDHALL_WEB_E2E_START_TIMEOUT=SECONDS       how long the fleet may take to be healthy (300)
//   GUILDHALL_WEB_E2E_README_SCREENSHOT=1         also write the main view to docs/screenshot-main.png
//   GUILDHALL_WEB_ROOT=/path/to/dist              test that build instead of web-client/dist (the
//                                                 launcher passes it on to the gateway)
//   GUILDHALL_WEB_E2E_HEADED=1                    show the browser (needs a display)
//   CHROMIUM_PATH=/path/to/chromium               another Chromium than /usr/bin/chromium
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CHROMIUM, launchChromium, requireChromium } from './lib/browser.mjs';
import { warmUp } from './lib/api.mjs';
import { Fleet, checkServesBuiltClient, pickOffset } from './lib/fleet.mjs';
import { bold, closePages, dim, red, report, runAll } from './lib/harness.mjs';
import './scenarios.mjs';
import './bots.mjs';
import './files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webClient = resolve(here, '..');
const repoRoot = resolve(webClient, '..');
const artifactsDir = join(webClient, 'test-results');
// the launcher hands GUILDHALL_WEB_ROOT on to the gateway, so another build can be tested
const distDir = process.env.GUILDHALL_WEB_ROOT ? resolve(process.env.GUILDHALL_WEB_ROOT) : join(webClient, 'dist');

async function main() {
  const filter = process.argv[2];
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  requireChromium();
  if (!process.env.GUILDHALL_WEB_E2E_ANY_CLIENT && !existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html is missing: npm run build first`);

  let fleet = null;
  let browser = null;
  let stopping = null;
  let ok = false;
  const cleanup = async (keepLogs) => {
    stopping ??= (async () => {
      if (browser) await browser.close().catch(() => {});
      if (fleet) await fleet.stop({ keepLogs });
    })();
    return stopping;
  };
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      console.log(`\n${red(`${signal}: stopping`)}`);
      abort.abort();
      await cleanup(false);
      process.exit(130);
    });
  }
  process.once('exit', () => fleet?.killNow());

  try {
    let url = process.env.GUILDHALL_WEB_E2E_URL?.replace(/\/+$/, '');
    if (url) {
      console.log(`${bold('Fleet')} ${dim(`using the running fleet at ${url} (GUILDHALL_WEB_E2E_URL)`)}`);
    } else {
      const fixed = process.env.GUILDHALL_WEB_E2E_OFFSET;
      const offset = await pickOffset(fixed ? Number(fixed) : 11000, Boolean(fixed));
      const startTimeoutMs = Number(process.env.GUILDHALL_WEB_E2E_START_TIMEOUT || 300) * 1000;
      console.log(bold('Fleet'));
      fleet = new Fleet({ repoRoot, offset, artifactsDir, startTimeoutMs, services: process.env.GUILDHALL_WEB_E2E_SERVICES || undefined });
      await fleet.start();
      url = fleet.url;
    }
    if (process.env.GUILDHALL_WEB_E2E_ANY_CLIENT) {
      console.log(`  ${dim(`not checking that ${url} serves dist/ (GUILDHALL_WEB_E2E_ANY_CLIENT, e.g. a Vite dev server)`)}`);
    } else {
      const scripts = await checkServesBuiltClient(url, distDir);
      console.log(`  ${dim(`${url}/ serves the built client (${scripts.join(', ')})`)}`);
    }

    const warmMs = await warmUp(url, { log: (m) => console.log(`  ${dim(m)}`) });
    console.log(`  ${dim(`warm-up through the API took ${(warmMs / 1000).toFixed(1)} s`)}`);

    browser = await launchChromium();
    console.log(`  ${dim(`Chromium ${browser.version()} (${CHROMIUM})`)}`);

    const readmeScreenshot = process.env.GUILDHALL_WEB_E2E_README_SCREENSHOT ? join(repoRoot, 'docs/screenshot-main.png') : null;
    const results = await runAll({
      artifactsDir,
      filter,
      abortSignal: abort.signal,
      open: async (ctx) => {
        ctx.contexts = [];
        const newPage = async (label, options = {}) => {
          const context = await browser.newContext({ ...options });
          context.setDefaultTimeout(15_000);
          ctx.contexts.push(context);
          const page = await context.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(e.message));
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          page.__errors = errors;
          ctx.pages.set(label, page);
          return page;
        };
        return { url, newPage, readmeScreenshot, api: url };
      },
      close: (ctx) => closePages(ctx),
    });
    ok = report(results);
    console.log(`\nartifacts: ${artifactsDir}`);
  } catch (error) {
    console.error(`\n${red(bold('e2e run failed before or outside the scenarios:'))}\n${error.stack ?? error}`);
    ok = false;
  } finally {
    await cleanup(!ok);
  }
  process.exit(ok ? 0 : 1);
}

main();
