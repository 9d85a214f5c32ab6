// The browser scenarios. Each gets `{ url, newPage(label, contextOptions), api }` from run.mjs and
// describes itself in steps; a failing step ends its scenario with screenshots of every page.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { scenario } from './lib/harness.mjs';
import { newCredentials, registerAndLogin, serverWithInvite, join, uniqueName } from './lib/api.mjs';
import {
  LIVE_TIMEOUT, channelEntry, channelsNav, composer, eventually, horizontalOverflow, loginViaUi, messageAction,
  messageById, messageLog, messageWith, openChannel, reactionButtons, recordGatewayFrames, registerViaUi,
  serverButton, serversNav, sendMessage, sleep,
} from './lib/ui.mjs';

const XSS_IMG = '<img src=x onerror=window.__xss=1>';
const XSS_LINK = '[x](javascript:alert(1))';

// ---- issue 4 ---------------------------------------------------------------------------------

scenario('two people chat through the web client (issue 4)', async (t, { url, newPage, readmeScreenshot }) => {
  const desktop = { viewport: { width: 1280, height: 800 } };
  const a = await newPage('A', desktop);
  const b = await newPage('B', desktop);
  const framesA = recordGatewayFrames(a);
  const credsA = newCredentials('alice');
  const credsB = newCredentials('bob');
  const serverName = `Guild ${uniqueName('g').slice(-6)}`;
  let inviteLink;

  await t.step('the gateway serves the built client, which shows the login page', async () => {
    await a.goto(url + '/');
    await a.getByLabel('Email or username', { exact: true }).or(a.getByLabel('Username', { exact: true }))
      .first().waitFor({ state: 'visible' });
    const scripts = await a.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    assert.ok(scripts.length > 0, 'no script in the page');
    t.note(`scripts: ${scripts.join(', ')}`);
  });

  await t.step('A registers', async () => {
    await registerViaUi(a, url, credsA);
  });

  await t.step('B registers', async () => {
    await registerViaUi(b, url, credsB);
  });

  await t.step('A creates a server', async () => {
    await a.getByRole('button', { name: 'Create a server', exact: true }).click();
    const dialog = a.getByRole('dialog');
    await dialog.getByLabel('Server name', { exact: true }).fill(serverName);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await serverButton(a, serverName).first().waitFor({ state: 'visible' });
    await channelEntry(a, 'general').first().waitFor({ state: 'visible' });
    // a new server opens on its first text channel (or one click away)
    if (!(await composer(a).isVisible())) await openChannel(a, serverName);
    await composer(a).waitFor({ state: 'visible' });
  });

  await t.step('A creates an invite link', async () => {
    await a.getByRole('button', { name: 'Create invite', exact: true }).click();
    const dialog = a.getByRole('dialog');
    const input = dialog.locator('input[aria-label="Invite link"]');
    inviteLink = await eventually(async () => {
      const value = await input.inputValue();
      assert.match(value, /\/invite\/[A-Za-z0-9_-]+$/);
      return value;
    }, { what: 'the invite link' });
    await dialog.getByRole('button', { name: 'Copy', exact: true }).waitFor({ state: 'visible' });
    t.note(`invite link ${inviteLink}`);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.ok(inviteLink.startsWith(url), `the invite link ${inviteLink} is not on ${url}`);
  });

  await t.step('B opens the invite link and joins the server', async () => {
    await b.goto(inviteLink);
    await b.getByRole('heading', { name: serverName }).waitFor({ state: 'visible' });
    await b.getByRole('button', { name: 'Join server', exact: true }).click();
    await serverButton(b, serverName).first().waitFor({ state: 'visible' });
    if (!(await composer(b).isVisible())) await openChannel(b, serverName);
    await composer(b).waitFor({ state: 'visible' });
  });

  let helloId;
  await t.step('A sends a message and B sees it live', async () => {
    helloId = await sendMessage(a, 'Hello from A 👋');
    await messageById(b, helloId).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    await messageWith(b, 'Hello from A').first().getByText(credsA.username).first().waitFor({ state: 'visible' });
  });

  await t.step('A sees B typing', async () => {
    // B keeps typing, as people do (the client posts /typing at most every 8 s); A's indicator
    // shows a TYPING_START for 10 s from its timestamp, so a delivery slower than that never shows
    const indicator = a.locator('.typing-indicator').filter({ hasText: credsB.username });
    const started = Date.now();
    let seen = false;
    for (let k = 0; !seen && Date.now() - started < 40_000; k++) {
      if (k % 4 === 0) await composer(b).press(k === 0 ? 'H' : 'i');
      seen = await indicator.isVisible();
      if (!seen) await sleep(300);
    }
    const typing = framesA.filter((f) => f.t === 'TYPING_START');
    const lags = typing.map((f) => (f.frame.d?.timestamp ? `${((f.at - f.frame.d.timestamp * 1000) / 1000).toFixed(1)} s` : '?'));
    const detail = `${typing.length} TYPING_START reached A, delivery lag (timestamp in whole seconds) ${lags.join(', ') || 'n/a'}`;
    t.note(`after ${((Date.now() - started) / 1000).toFixed(1)} s: ${detail}`);
    assert.ok(seen, `A's typing indicator never named B within 40 s; ${detail}`);
  });

  await t.step('B answers and A sees it live', async () => {
    await composer(b).fill('');
    const id = await sendMessage(b, 'Hi A, B here');
    await messageById(a, id).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    await messageWith(a, 'Hi A, B here').first().getByText(credsB.username).first().waitFor({ state: 'visible' });
  });

  let emoji;
  await t.step('B reacts to A\'s message and A sees the count', async () => {
    const onB = messageById(b, helloId);
    await messageAction(b, onB, 'Add reaction');
    const picker = b.getByRole('dialog', { name: 'Emoji picker' });
    await picker.waitFor({ state: 'visible' });
    const thumbs = picker.getByRole('button', { name: '👍', exact: true });
    const choice = (await thumbs.count()) ? thumbs : picker.getByRole('button').first();
    emoji = await choice.getAttribute('aria-label');
    assert.ok(emoji, 'the emoji button has no aria-label');
    await choice.click();
    t.note(`reaction ${emoji}`);
    await eventually(async () => assert.deepEqual(await reactionButtons(onB), [{ label: `${emoji} 1`, pressed: 'true' }]),
      { what: 'B\'s own reaction' });
    await eventually(async () => assert.deepEqual(await reactionButtons(messageById(a, helloId)), [{ label: `${emoji} 1`, pressed: 'false' }]),
      { what: 'A sees B\'s reaction' });
  });

  await t.step('A adds the same reaction and both see the count change to 2', async () => {
    await messageById(a, helloId).locator('.reaction').first().click();
    await eventually(async () => assert.deepEqual(await reactionButtons(messageById(a, helloId)), [{ label: `${emoji} 2`, pressed: 'true' }]),
      { what: 'A\'s count' });
    await eventually(async () => assert.deepEqual(await reactionButtons(messageById(b, helloId)), [{ label: `${emoji} 2`, pressed: 'true' }]),
      { what: 'B\'s count' });
  });

  await t.step('A edits the message and B sees the new text, marked (edited)', async () => {
    await messageAction(a, messageById(a, helloId), 'Edit message');
    const editor = a.getByRole('textbox', { name: 'Edit message content', exact: true });
    await editor.fill('Hello from A, edited');
    await editor.press('Enter');
    await editor.waitFor({ state: 'hidden' });
    for (const page of [a, b]) {
      const msg = messageById(page, helloId);
      await eventually(async () => {
        assert.match(await msg.locator('.message-content').innerText(), /^Hello from A, edited/);
        assert.match(await msg.innerText(), /\(edited\)/);
      }, { what: `${page === a ? 'A' : 'B'} sees the edit` });
    }
  });

  await t.step('A deletes a message and it disappears for B', async () => {
    const id = await sendMessage(a, 'This one will be deleted');
    await messageById(b, id).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    await messageAction(a, messageById(a, id), 'Delete message');
    await a.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click();
    await messageById(a, id).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    await messageById(b, id).waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
  });

  await t.step('B sends Markdown and A sees it formatted', async () => {
    const id = await sendMessage(b, 'Markdown works: **bold**, *italic*, `inline code` and https://example.com/guildhall',
      { shown: 'Markdown works: bold, italic' });
    const content = messageById(a, id).locator('.message-content');
    await content.waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    assert.equal(await content.locator('strong').innerText(), 'bold');
    assert.equal(await content.locator('em').innerText(), 'italic');
    assert.equal(await content.locator('code').innerText(), 'inline code');
    const link = content.locator('a[href="https://example.com/guildhall"]');
    assert.equal(await link.count(), 1, 'the URL is not a link');
    assert.match(await link.getAttribute('rel') ?? '', /noopener/);
  });

  await t.step('screenshots of the main view', async () => {
    await composer(a).fill('');
    const fileA = await t.screenshot('main view A', a);
    const fileB = await t.screenshot('main view B', b);
    t.note(`${fileA}\n      ${fileB}`);
    if (readmeScreenshot) {
      mkdirSync(dirname(readmeScreenshot), { recursive: true });
      copyFileSync(fileA, readmeScreenshot);
      t.note(`copied to ${readmeScreenshot}`);
    }
  });

  await t.step('HTML and a javascript: link in a message render as text', async () => {
    for (const page of [a, b]) {
      await page.evaluate(() => {
        delete window.__xss;
      });
      page.on('dialog', (d) => {
        page.__sawDialog = d.message();
        d.dismiss().catch(() => {});
      });
    }
    const text = `look ${XSS_IMG} and ${XSS_LINK}`;
    const id = await sendMessage(a, text);
    await messageById(b, id).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    await sleep(500); // time for an injected onerror or a broken image to fire
    for (const [label, page] of [['A', a], ['B', b]]) {
      const content = messageById(page, id).locator('.message-content');
      const shown = await content.innerText();
      assert.ok(shown.includes(XSS_IMG), `${label} does not show the HTML as text: ${JSON.stringify(shown)}`);
      assert.ok(shown.includes('javascript:alert(1)') || shown.includes('[x]') || shown.includes('x'),
        `${label} lost the link text: ${JSON.stringify(shown)}`);
      assert.equal(await messageById(page, id).locator('img').count(), 0, `${label}: an <img> in the message`);
      const jsLinks = await messageById(page, id).locator('a').evaluateAll((els) =>
        els.map((e) => e.getAttribute('href')).filter((h) => h && /^\s*javascript:/i.test(h)));
      assert.deepEqual(jsLinks, [], `${label}: a javascript: link in the message`);
      assert.equal(await page.evaluate(() => typeof window.__xss), 'undefined', `${label}: window.__xss was set`);
      assert.equal(page.__sawDialog, undefined, `${label}: a dialog opened: ${page.__sawDialog}`);
    }
  });

  const secret = 'staff-only';
  await t.step(`A creates #${secret} and B sees it appear`, async () => {
    await a.getByRole('button', { name: 'Create channel', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: 'Create channel' });
    await dialog.getByLabel('Channel name', { exact: true }).fill(secret);
    await dialog.getByRole('button', { name: 'Create channel', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await composer(a, secret).waitFor({ state: 'visible' });
    await channelEntry(b, secret).first().waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
  });

  await t.step(`A hides #${secret} from @everyone and it leaves B's sidebar without a reload`, async () => {
    await a.getByRole('button', { name: 'Edit channel', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: 'Edit channel' });
    await dialog.getByRole('tab', { name: 'Overview', exact: true }).waitFor({ state: 'visible' });
    await dialog.getByRole('tab', { name: 'Permissions', exact: true }).click();
    const everyone = dialog.getByRole('row', { name: '@everyone', exact: true });
    const deny = everyone.getByRole('group', { name: 'View Channel', exact: true }).getByRole('button', { name: 'Deny', exact: true });
    await deny.click();
    assert.equal(await deny.getAttribute('aria-pressed'), 'true');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: /saved/i }).waitFor({ state: 'visible' });
    // keyboard users stay in the dialog: the spent Save button keeps focus
    assert.equal(await dialog.evaluate((el) => el.contains(document.activeElement)), true, 'focus left the dialog after Save');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await channelEntry(b, secret).first().waitFor({ state: 'detached', timeout: LIVE_TIMEOUT });
    assert.equal(await channelsNav(b).getByText(secret, { exact: true }).count(), 0);
    // B keeps #general; the owner still sees both
    await channelEntry(b, 'general').first().waitFor({ state: 'visible' });
    await channelEntry(a, secret).first().waitFor({ state: 'visible' });
    assert.ok(b.url().includes('/channels/'), `B was sent to ${b.url()}`);
  });
});

// ---- sessions and reconnects -----------------------------------------------------------------

scenario('a reload keeps the session; a dropped connection resumes with what it missed', async (t, { url, newPage }) => {
  let owner;
  let member;
  let serverName;
  await t.step('set-up through the API: C owns a server, D joined it', async () => {
    owner = await registerAndLogin(url, 'carol');
    member = await registerAndLogin(url, 'dave');
    serverName = `Resume ${uniqueName('r').slice(-6)}`;
    const { invite } = await serverWithInvite(url, owner, serverName);
    await join(url, member, invite.code);
  });

  const c = await newPage('C', { viewport: { width: 1280, height: 800 } });
  const d = await newPage('D', { viewport: { width: 1280, height: 800 } });
  const framesD = recordGatewayFrames(d);

  await t.step('C and D log in and open #general', async () => {
    await loginViaUi(c, url, owner);
    await loginViaUi(d, url, member);
    await openChannel(c, serverName);
    await openChannel(d, serverName);
  });

  await t.step('C reloads the page and is still logged in', async () => {
    await c.reload();
    await serversNav(c).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
    assert.equal(await c.getByLabel('Email or username', { exact: true }).count(), 0, 'the login form is back');
    await serverButton(c, serverName).first().waitFor({ state: 'visible' });
    await openChannel(c, serverName);
    // the socket works after the reload: D's message reaches C live
    const id = await sendMessage(d, 'after the reload');
    await messageById(c, id).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
  });

  let missedId;
  await t.step('D goes offline: "Reconnecting…" shows', async () => {
    await eventually(async () => assert.ok(framesD.some((f) => f.t === 'READY'), 'no READY yet'), { what: 'D\'s gateway session' });
    await d.context().setOffline(true);
    // the browser fires 'offline' at once; a client that waits for a missed heartbeat ACK
    // (41 s and more) leaves the user unaware for too long
    await d.getByRole('status').filter({ hasText: 'Reconnecting…' }).first()
      .waitFor({ state: 'visible', timeout: 20_000 });
  });

  await t.step('C sends a message while D is offline', async () => {
    missedId = await sendMessage(c, 'sent while D was offline');
    await sleep(500);
    assert.equal(await messageById(d, missedId).count(), 0, 'D got the message while offline');
  });

  await t.step('D comes back online, resumes and sees the missed message', async () => {
    const since = Date.now();
    await d.context().setOffline(false);
    await messageById(d, missedId).waitFor({ state: 'visible', timeout: 60_000 });
    await d.getByRole('status').filter({ hasText: 'Reconnecting…' }).first().waitFor({ state: 'hidden', timeout: LIVE_TIMEOUT });
    const after = framesD.filter((f) => f.at >= since);
    const resume = after.find((f) => f.dir === 'sent' && f.op === 6);
    assert.ok(resume, `D did not send RESUME (op 6) after reconnecting; sent ops: ${after.filter((f) => f.dir === 'sent').map((f) => f.op)}`);
    assert.ok(after.some((f) => f.dir === 'received' && f.t === 'RESUMED'), 'D did not receive RESUMED');
    const replayed = after.find((f) => f.dir === 'received' && f.t === 'MESSAGE_CREATE' && f.frame.d?.message_id === missedId);
    t.note(replayed ? 'the missed MESSAGE_CREATE was replayed on the resumed session' : 'the missed message came from history, not the replay');
  });

  await t.step('and the connection is live again', async () => {
    const id = await sendMessage(c, 'live again');
    await messageById(d, id).waitFor({ state: 'visible', timeout: LIVE_TIMEOUT });
  });
});

// ---- phone -----------------------------------------------------------------------------------

scenario('phone width (390 px) layout', async (t, { url, newPage }) => {
  let user;
  let serverName;
  await t.step('set-up through the API: E owns a server', async () => {
    user = await registerAndLogin(url, 'erin');
    serverName = `Phone ${uniqueName('p').slice(-6)}`;
    await serverWithInvite(url, user, serverName);
  });
  const phone = await newPage('phone', {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });

  await t.step('the login page fits the width', async () => {
    await phone.goto(url + '/');
    await phone.getByLabel('Email or username', { exact: true }).waitFor({ state: 'visible' });
    const o = await horizontalOverflow(phone);
    assert.ok(o.scrollWidth <= o.width + 1, `horizontal overflow on the login page: ${JSON.stringify(o)}`);
    await t.screenshot('login 390px', phone);
  });

  await t.step('logged in, the channel view fits and the composer is usable', async () => {
    await loginViaUi(phone, url, user);
    // on a phone the server rail and channel list sit off-screen behind "Open sidebar"
    const rail = await serversNav(phone).boundingBox();
    assert.ok(!rail || rail.x + rail.width <= 1, `the server rail covers the screen: ${JSON.stringify(rail)}`);
    await phone.getByRole('button', { name: 'Open sidebar', exact: true }).first().click();
    const server = serverButton(phone, serverName).first();
    await eventually(async () => {
      const r = await server.boundingBox();
      assert.ok(r && r.x >= 0 && r.x + r.width <= 390, `the server button is off-screen: ${JSON.stringify(r)}`);
    }, { what: 'the sidebar slides in' });
    await server.click();
    if (!(await composer(phone).isVisible())) await channelEntry(phone, 'general').first().click();
    const box = composer(phone);
    await box.waitFor({ state: 'visible' });
    const rect = await box.boundingBox();
    assert.ok(rect && rect.x >= 0 && rect.x + rect.width <= 391, `the composer is outside the viewport: ${JSON.stringify(rect)}`);
    const id = await sendMessage(phone, 'hello from a phone');
    const msg = await messageById(phone, id).boundingBox();
    assert.ok(msg && msg.x + msg.width <= 391, `the message is wider than the screen: ${JSON.stringify(msg)}`);
    const o = await horizontalOverflow(phone);
    assert.ok(o.scrollWidth <= o.width + 1, `horizontal overflow in the channel view: ${JSON.stringify(o)}`);
    assert.ok(await messageLog(phone).isVisible(), 'the message list is not visible');
    await t.screenshot('main view 390px', phone);
  });
});
