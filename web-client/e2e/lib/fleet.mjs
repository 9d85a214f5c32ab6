// Starts and stops a Guildhall fleet for the browser tests: the launcher jar `up` on a fresh data
// directory and a port offset of its own, so a developer's `./guildhall up` on 8080 is untouched.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = '0.1.0-SNAPSHOT';

/**
 * Every service but media-node: the scenarios use no voice media, and media-node reaches for
 * Redis on 6379 whatever the port offset, so it never turns healthy on one (the launcher then
 * waits for it in vain). bot-service stays: the gateway's health includes it as a downstream.
 * GUILDHALL_WEB_E2E_SERVICES overrides ("all" = the launcher's default set).
 */
export const DEFAULT_SERVICES = 'gateway-service,auth-service,server-service,message-service,websocket-service,voice-service,bot-service';

/** The JVM options the `guildhall` script gives the launcher (LAUNCHER_JVM). */
export function launcherJvm(repoRoot) {
  return [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xss512k',
    '-Xmx256m',
    `-Dguildhall.home=${repoRoot}`,
    `-Dguildhall.s3mock.jar=${join(repoRoot, 'launcher/target/lib/s3mock-exec.jar')}`,
  ];
}

export function launcherJar(repoRoot) {
  return join(repoRoot, `launcher/target/launcher-${VERSION}-exec.jar`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Every TCP port a fleet with this offset and one websocket instance listens on (launcher Ports.java). */
function fleetPorts(offset) {
  const base = [13306, 16379, 19092, 19093, 19000, 8080, 8081, 8082, 8083, 8084, 8085, 8087, 8088];
  return base.map((p) => p + offset);
}

/**
 * Offsets to try: from `start` in steps of 100 while every port stays below 32768, the start of
 * Linux's ephemeral range (above it, any outgoing connection of another process can hold a port
 * for a while), then from 31000 upwards.
 */
function candidates(start) {
  const out = [];
  for (let o = start; o + 19093 < 32768 && out.length < 30; o += 100) out.push(o);
  for (let o = Math.max(31000, start); out.length < 50; o += 100) out.push(o);
  return out;
}

/** The first offset whose ports are all free (each checked twice, 1 s apart); with `fixed`, only start. */
export async function pickOffset(start, fixed) {
  const allFree = async (offset) => (await Promise.all(fleetPorts(offset).map(portFree))).every(Boolean);
  for (const offset of fixed ? [start] : candidates(start)) {
    if (await allFree(offset)) return offset;
    await sleep(1000); // a port held by a closing connection is free again soon
    if (await allFree(offset)) return offset;
    if (fixed) {
      const free = await Promise.all(fleetPorts(offset).map(portFree));
      const busy = fleetPorts(offset).filter((_, i) => !free[i]);
      throw new Error(`GUILDHALL_WEB_E2E_OFFSET=${offset}: ports in use: ${busy.join(', ')}`);
    }
  }
  throw new Error(`no free port offset found from ${start} upwards`);
}

/**
 * A fleet started by the launcher jar. `start()` resolves once the launcher prints "fleet
 * healthy"; `stop()` is idempotent and safe to call at any moment (also while starting).
 */
export class Fleet {
  constructor({ repoRoot, offset, artifactsDir, startTimeoutMs = 300_000, services = DEFAULT_SERVICES, log = console.log }) {
    this.services = services;
    this.repoRoot = repoRoot;
    this.offset = offset;
    this.artifactsDir = artifactsDir;
    this.startTimeoutMs = startTimeoutMs;
    this.log = log;
    this.dataDir = mkdtempSync(join(tmpdir(), 'guildhall-web-e2e-'));
    this.url = `http://localhost:${8080 + offset}`;
    this.messageServiceUrl = `http://localhost:${8083 + offset}`;
    this.authServiceUrl = `http://localhost:${8081 + offset}`;
    this.proc = null;
    this.exited = null;
    this.stopped = false;
  }

  static check(repoRoot) {
    const jar = launcherJar(repoRoot);
    if (!existsSync(jar)) {
      throw new Error(`${jar} is missing: build it with (cd ${repoRoot} && ./mvnw -q -B -DskipTests install)`);
    }
    const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
    if (java.error) throw new Error('java is not on the PATH (a JDK 17 is needed to start the fleet)');
  }

  async start() {
    Fleet.check(this.repoRoot);
    mkdirSync(this.artifactsDir, { recursive: true });
    this.logFile = join(this.artifactsDir, 'launcher-output.log');
    const out = createWriteStream(this.logFile);
    const timeoutSeconds = Math.ceil(this.startTimeoutMs / 1000);
    const args = [
      ...launcherJvm(this.repoRoot), '-jar', launcherJar(this.repoRoot), 'up',
      '--offset', String(this.offset), '--data', this.dataDir,
      '--websocket-instances', '1', '--no-cds', '--timeout', String(timeoutSeconds),
      ...(this.services && this.services !== 'all' ? ['--services', this.services] : []),
    ];
    this.log(`  fleet: starting ${this.services === 'all' ? 'every service' : this.services} on offset ${this.offset} (data ${this.dataDir}, output ${this.logFile})`);
    // own process group: stop() can take the launcher and every service it spawned down at once
    this.proc = spawn('java', args, { cwd: this.repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    let output = '';
    const healthy = new Promise((resolve, reject) => {
      const onData = (chunk) => {
        out.write(chunk);
        output += chunk.toString();
        if (/fleet healthy/.test(output)) resolve();
      };
      this.proc.stdout.on('data', onData);
      this.proc.stderr.on('data', onData);
      this.exited.then(({ code, signal }) =>
        reject(new Error(`the launcher exited (code ${code}, signal ${signal}) before the fleet was healthy:\n${tail(output, 30)}`)));
      setTimeout(() => reject(new Error(`the fleet was not healthy within ${timeoutSeconds} s:\n${tail(output, 30)}`)),
        this.startTimeoutMs + 20_000).unref();
    });
    const started = Date.now();
    await healthy;
    this.log(`  fleet: healthy after ${((Date.now() - started) / 1000).toFixed(1)} s at ${this.url}`);
  }

  /** `restart NAME --data DIR`: the running launcher restarts one service gracefully; resolves when it is done. */
  async restart(name) {
    const proc = spawn('java', [...launcherJvm(this.repoRoot), '-jar', launcherJar(this.repoRoot), 'restart', name, '--data', this.dataDir],
      { cwd: this.repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (chunk) => { output += chunk.toString(); });
    proc.stderr.on('data', (chunk) => { output += chunk.toString(); });
    const code = await new Promise((resolve) => proc.once('exit', (c) => resolve(c)));
    if (code !== 0) throw new Error(`restart ${name} ended with exit code ${code}:\n${tail(output, 20)}`);
    return output;
  }

  /** `down --data DIR` (graceful), then SIGKILL to whatever is left of the process group. */
  async stop({ keepLogs = false } = {}) {
    if (this.stopped) return;
    this.stopped = true;
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) {
      this.log('  fleet: stopping');
      const down = spawn('java', [...launcherJvm(this.repoRoot), '-jar', launcherJar(this.repoRoot), 'down', '--data', this.dataDir],
        { cwd: this.repoRoot, stdio: 'ignore' });
      const downDone = new Promise((resolve) => down.once('exit', resolve));
      const timedOut = await Promise.race([
        Promise.all([downDone, this.exited]).then(() => false),
        sleep(90_000).then(() => true),
      ]);
      if (timedOut) this.log('  fleet: did not stop within 90 s, killing it');
      if (down.exitCode === null) down.kill('SIGKILL');
    }
    if (this.proc) {
      try {
        process.kill(-this.proc.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    }
    if (keepLogs) {
      try {
        cpSync(join(this.dataDir, 'logs'), join(this.artifactsDir, 'fleet-logs'), { recursive: true });
        this.log(`  fleet: service logs copied to ${join(this.artifactsDir, 'fleet-logs')}`);
      } catch {
        // no logs yet
      }
    }
    rmSync(this.dataDir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Synchronous last resort (process 'exit' handler): kill the whole group. */
  killNow() {
    if (this.proc && !this.stopped) {
      try {
        process.kill(-this.proc.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Asserts that `url` serves the built client of `distDir` (its index.html's entry script). */
export async function checkServesBuiltClient(url, distDir) {
  const indexFile = join(distDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: run npm run build first`);
  const built = readFileSync(indexFile, 'utf8');
  const entries = [...built.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  if (entries.length === 0) throw new Error(`${indexFile} references no script`);
  const res = await fetch(url + '/');
  const served = await res.text();
  if (!res.ok) throw new Error(`GET ${url}/ answered ${res.status}`);
  for (const src of entries) {
    if (!served.includes(src)) {
      throw new Error(`${url}/ does not serve the built client: ${src} (from ${indexFile}) is not in the page.\n` +
        `Is GUILDHALL_WEB_ROOT pointing elsewhere, or is dist/ newer than the running fleet?`);
    }
    const asset = await fetch(new URL(src, url + '/'));
    if (!asset.ok) throw new Error(`GET ${src} answered ${asset.status}`);
    await asset.arrayBuffer();
  }
  return entries;
}
