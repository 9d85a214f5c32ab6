// A tiny scenario runner: named scenarios made of named steps, run in order. A failing step stops
// its scenario, screenshots every open page into the artifacts directory and is reported with
// the scenario and step names; the process exit code says whether everything passed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const green = paint(32);
export const red = paint(31);
export const dim = paint(2);
export const bold = paint(1);

export function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/**
 * A scenario's close hook: prints what each page logged as errors (and whatever `extraLines` picks from a
 * page), then closes every browser context.
 */
export async function closePages(ctx, extraLines = () => []) {
  for (const [label, page] of ctx.pages) {
    const errors = page.__errors ?? [];
    if (errors.length) console.log(dim(`  page ${label} logged ${errors.length} error(s): ${errors.slice(0, 5).join(' | ').slice(0, 600)}`));
    for (const line of extraLines(page)) console.log(dim(`  page ${label}: ${line.slice(0, 300)}`));
  }
  for (const context of ctx.contexts ?? []) await context.close().catch(() => {});
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A scenario's context: `step(name, fn)` runs one step; `pages` maps a label ("A", "B") to a
 * Playwright page so a failure can screenshot each of them; `screenshot(name, page)` saves an
 * artifact on purpose.
 */
class ScenarioContext {
  constructor(scenario, artifactsDir) {
    this.scenario = scenario;
    this.artifactsDir = artifactsDir;
    this.pages = new Map();
    this.stepCount = 0;
    this.currentStep = null;
  }

  async step(name, fn) {
    this.stepCount++;
    this.currentStep = name;
    const started = Date.now();
    try {
      const result = await fn();
      console.log(`  ${green('✓')} ${name} ${dim(`(${seconds(Date.now() - started)})`)}`);
      return result;
    } catch (error) {
      console.log(`  ${red('✗')} ${name} ${dim(`(${seconds(Date.now() - started)})`)}`);
      throw new StepFailure(this.scenario, name, error);
    } finally {
      this.currentStep = null;
    }
  }

  /** Logs a detail under the current step. */
  note(text) {
    console.log(`      ${dim(text)}`);
  }

  async screenshot(name, page, options = {}) {
    mkdirSync(this.artifactsDir, { recursive: true });
    const file = join(this.artifactsDir, `${slug(this.scenario)}--${slug(name)}.png`);
    await page.screenshot({ path: file, ...options });
    return file;
  }

  async failureArtifacts(stepName) {
    const files = [];
    mkdirSync(this.artifactsDir, { recursive: true });
    for (const [label, page] of this.pages) {
      if (page.isClosed()) continue;
      const base = join(this.artifactsDir, `FAILED--${slug(this.scenario)}--${slug(stepName)}--${slug(label)}`);
      try {
        await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
        files.push(`${base}.png`);
        writeFileSync(`${base}.html`, await page.content());
        files.push(`${base}.html`);
      } catch (e) {
        files.push(`(no screenshot of ${label}: ${e.message.split('\n')[0]})`);
      }
    }
    return files;
  }
}

export class StepFailure extends Error {
  constructor(scenario, step, cause) {
    super(`${scenario} › ${step}: ${cause?.message ?? cause}`);
    this.scenario = scenario;
    this.step = step;
    this.cause = cause;
  }
}

const registered = [];

/** Declares a scenario: `fn(ctx, world)`; `setup`/`teardown` of the world are the runner's. */
export function scenario(name, fn, { skip } = {}) {
  registered.push({ name, fn, skip });
}

/**
 * Runs every declared scenario (or those whose name contains `filter`) in order. `open(ctx)` is
 * called before each to give it resources; `close(ctx)` always runs after it.
 */
export async function runAll({ artifactsDir, filter, open, close, abortSignal }) {
  const results = [];
  for (const s of registered) {
    if (filter && !s.name.toLowerCase().includes(filter.toLowerCase())) continue;
    if (abortSignal?.aborted) break;
    if (s.skip) {
      console.log(`\n${bold(s.name)} ${dim(`skipped: ${s.skip}`)}`);
      results.push({ name: s.name, status: 'skipped' });
      continue;
    }
    console.log(`\n${bold(s.name)}`);
    const ctx = new ScenarioContext(s.name, artifactsDir);
    const started = Date.now();
    let failure = null;
    try {
      const resources = await open(ctx);
      await s.fn(ctx, resources);
    } catch (error) {
      failure = error instanceof StepFailure ? error : new StepFailure(s.name, ctx.currentStep ?? '(outside any step)', error);
      failure.artifacts = await ctx.failureArtifacts(failure.step);
    } finally {
      try {
        await close(ctx);
      } catch (e) {
        console.log(`  ${dim(`(closing: ${e.message})`)}`);
      }
    }
    const elapsed = Date.now() - started;
    results.push({ name: s.name, status: failure ? 'failed' : 'passed', failure, elapsed, steps: ctx.stepCount });
  }
  return results;
}

export function report(results) {
  console.log(`\n${bold('Summary')}`);
  for (const r of results) {
    if (r.status === 'passed') console.log(`  ${green('PASS')} ${r.name} ${dim(`(${r.steps} steps, ${seconds(r.elapsed)})`)}`);
    else if (r.status === 'skipped') console.log(`  ${dim('SKIP')} ${r.name}`);
    else console.log(`  ${red('FAIL')} ${r.name} ${dim(`(${seconds(r.elapsed)})`)}`);
  }
  const failed = results.filter((r) => r.status === 'failed');
  for (const r of failed) {
    const f = r.failure;
    console.log(`\n${red(bold(`✗ ${f.scenario}`))}\n  step: ${bold(f.step)}`);
    const cause = f.cause ?? f;
    console.log(indent(String(cause?.stack ?? cause), 4));
    if (f.artifacts?.length) console.log(`  artifacts:\n${f.artifacts.map((a) => `    ${a}`).join('\n')}`);
  }
  return failed.length === 0 && results.some((r) => r.status === 'passed');
}

function indent(text, n) {
  const pad = ' '.repeat(n);
  return text.split('\n').map((l) => pad + l).join('\n');
}
