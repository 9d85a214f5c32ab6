// Debian's Chromium through playwright-core: never a downloaded browser.
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function chromiumArgs() {
  const args = ['--disable-dev-shm-usage'];
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to sandbox as root
  return args;
}

export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with\n  apt-get install -y chromium\n` +
      '(these tests never download a browser; CHROMIUM_PATH points at another binary)');
  }
}

async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (e) {
    throw new Error(`playwright-core is not installed (${e.message.split('\n')[0]}): run npm install in web-client/`);
  }
}

/** A headless (unless GUILDHALL_WEB_E2E_HEADED) Chromium. */
export async function launchChromium(extraArgs = []) {
  requireChromium();
  const { chromium } = await loadPlaywright();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: !process.env.GUILDHALL_WEB_E2E_HEADED,
    args: [...chromiumArgs(), ...extraArgs],
  });
}
