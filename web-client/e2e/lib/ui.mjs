// Helpers over the web client's selector contract (web-client/README.md): labels, roles and
// accessible names, never CSS classes except the few the contract names.
import assert from 'node:assert/strict';

export const LIVE_TIMEOUT = 15_000;

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Retries `check` (which throws, e.g. with node:assert, or returns) until it passes or time is up. */
export async function eventually(check, { timeout = LIVE_TIMEOUT, interval = 150, what } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        const msg = `${what ? what + ': ' : ''}still failing after ${timeout} ms: ${error.message}`;
        throw Object.assign(new Error(msg), { cause: error });
      }
    }
    await sleep(interval);
  }
}

export const serversNav = (page) => page.locator('nav[aria-label="Servers"]');
export const channelsNav = (page) => page.locator('nav[aria-label="Channels"]');
export const messageLog = (page) => page.getByRole('log', { name: 'Messages' });
export const composer = (page, channel = 'general') => page.getByRole('textbox', { name: `Message #${channel}`, exact: true });

/** The channel entry (link or button) named `name` in the channel sidebar. */
export function channelEntry(page, name) {
  return channelsNav(page).getByRole('link', { name, exact: true })
    .or(channelsNav(page).getByRole('button', { name, exact: true }));
}

export function serverButton(page, name) {
  return serversNav(page).getByRole('button', { name, exact: true })
    .or(serversNav(page).getByRole('link', { name, exact: true }));
}

/** The message articles whose content contains `text`. */
export function messageWith(page, text) {
  return messageLog(page).getByRole('article').filter({ has: page.locator('.message-content', { hasText: text }) });
}

export function messageById(page, id) {
  return messageLog(page).locator(`[data-message-id="${id}"]`);
}

/** Waits until the app shows either the main view (logged in) or the login form; returns which. */
export async function whereAmI(page, timeout = LIVE_TIMEOUT) {
  // the server rail exists in the DOM once logged in (on a phone it sits off-screen)
  const main = serversNav(page);
  const login = page.getByLabel('Email or username', { exact: true });
  const register = page.getByLabel('Username', { exact: true });
  return Promise.race([
    main.waitFor({ state: 'attached', timeout }).then(() => 'main'),
    login.waitFor({ state: 'visible', timeout }).then(() => 'login'),
    register.waitFor({ state: 'visible', timeout }).then(() => 'register'),
  ]);
}

export async function registerViaUi(page, url, creds) {
  await page.goto(url + '/');
  if ((await whereAmI(page)) === 'login') {
    await page.getByRole('button', { name: 'Register', exact: true })
      .or(page.getByRole('link', { name: 'Register', exact: true })).first().click();
  }
  await page.getByLabel('Email', { exact: true }).fill(creds.email);
  await page.getByLabel('Username', { exact: true }).fill(creds.username);
  await page.getByLabel('Password', { exact: true }).fill(creds.password);
  await page.getByRole('button', { name: 'Create account', exact: true }).click();
  // registering may log in at once, or lead to the login form
  const where = await Promise.race([
    serversNav(page).waitFor({ state: 'attached', timeout: LIVE_TIMEOUT }).then(() => 'main'),
    page.getByLabel('Email or username', { exact: true }).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT }).then(() => 'login'),
    page.getByRole('alert').first().waitFor({ state: 'visible', timeout: LIVE_TIMEOUT }).then(() => 'error'),
  ]);
  if (where === 'error') throw new Error(`registering failed: ${await page.getByRole('alert').first().innerText()}`);
  if (where === 'login') await submitLogin(page, creds);
}

async function submitLogin(page, creds) {
  await page.getByLabel('Email or username', { exact: true }).fill(creds.username);
  await page.getByLabel('Password', { exact: true }).fill(creds.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  const where = await Promise.race([
    serversNav(page).waitFor({ state: 'attached', timeout: LIVE_TIMEOUT }).then(() => 'main'),
    page.getByRole('alert').first().waitFor({ state: 'visible', timeout: LIVE_TIMEOUT }).then(() => 'error'),
  ]);
  if (where === 'error') throw new Error(`logging in failed: ${await page.getByRole('alert').first().innerText()}`);
}

export async function loginViaUi(page, url, creds) {
  await page.goto(url + '/');
  if ((await whereAmI(page)) === 'register') {
    await page.getByRole('button', { name: 'Log in', exact: true })
      .or(page.getByRole('link', { name: 'Log in', exact: true })).first().click();
  }
  if ((await whereAmI(page)) === 'login') await submitLogin(page, creds);
}

/** Opens a server and its channel from the sidebars; waits for the composer. */
export async function openChannel(page, serverName, channel = 'general') {
  await serverButton(page, serverName).first().click();
  await channelEntry(page, channel).first().click();
  await composer(page, channel).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
}

/**
 * Sends `text` from the composer with Enter; returns the message's id once it is in the log.
 * `shown` is a part of the rendered text to find it by (Markdown changes the text).
 */
export async function sendMessage(page, text, { channel = 'general', shown = text } = {}) {
  const box = composer(page, channel);
  await box.fill(text);
  await box.press('Enter');
  const article = messageWith(page, shown).last();
  await article.waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
  // the optimistic copy may carry a temporary id until the server answers
  return eventually(async () => {
    const id = await article.getAttribute('data-message-id');
    assert.ok(id && /^\d+$/.test(id), `data-message-id is ${JSON.stringify(id)}, not a snowflake yet`);
    return id;
  }, { what: `the id of the message "${text}"` });
}

/** Shows a message's action bar (hover, then focus for keyboard users) and clicks `action`. */
export async function messageAction(page, article, action) {
  await article.scrollIntoViewIfNeeded();
  await article.hover();
  const button = article.getByRole('button', { name: action, exact: true });
  if (!(await button.isVisible())) await article.focus().catch(() => {});
  await button.click({ timeout: 10_000 });
}

export async function reactionButtons(article) {
  const reactions = article.locator('.reaction');
  const n = await reactions.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = reactions.nth(i);
    out.push({ label: await r.getAttribute('aria-label'), pressed: await r.getAttribute('aria-pressed') });
  }
  return out;
}

/** Frames a page's WebSocket(s) send and receive, parsed (gateway protocol {op, d, s, t}). */
export function recordGatewayFrames(page) {
  const frames = [];
  page.on('websocket', (ws) => {
    const push = (dir) => (event) => {
      let frame = null;
      try {
        frame = JSON.parse(typeof event.payload === 'string' ? event.payload : event.payload.toString());
      } catch {
        return;
      }
      frames.push({ dir, at: Date.now(), url: ws.url(), op: frame.op, t: frame.t ?? null, frame });
    };
    ws.on('framesent', push('sent'));
    ws.on('framereceived', push('received'));
    ws.on('close', () => frames.push({ dir: 'closed', at: Date.now(), url: ws.url(), op: null, t: null }));
  });
  return frames;
}

/** True when nothing of the page is wider than the viewport (no horizontal scrolling). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return { width, scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth };
  });
}
