// `npm audit` for the web client with a documented allow-list (issue 14; ADR 210): fails when an advisory of
// severity high or critical affects an installed package and is not in audit-allowlist.json (or its entry has
// passed its `until` date). Run by `./guildhall test` (so CI runs it) and by `npm run audit`.
// When the registry's advisory service cannot be reached, it says so and passes, unless GUILDHALL_AUDIT_STRICT=1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FAILING = new Set(['high', 'critical']);
const strict = process.env.GUILDHALL_AUDIT_STRICT === '1';

const allowList = JSON.parse(readFileSync(join(root, 'audit-allowlist.json'), 'utf8')).advisories ?? [];
const today = new Date().toISOString().slice(0, 10);
const allowed = new Map();
for (const entry of allowList) {
  if (!entry.id || !entry.reason || !entry.until) {
    console.error(`audit-allowlist.json: every entry needs id, reason and until: ${JSON.stringify(entry)}`);
    process.exit(1);
  }
  if (entry.until < today) {
    console.warn(`audit: the allow-list entry for ${entry.id} expired on ${entry.until}; it no longer applies`);
  } else {
    allowed.set(entry.id, entry);
  }
}

const run = spawnSync('npm', ['audit', '--json', '--audit-level=high'], {
  cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
});
let report = null;
try {
  report = JSON.parse(run.stdout);
} catch {
  // no JSON at all: npm itself failed
}
if (!report || report.error || report.message || !report.vulnerabilities) {
  const why = report?.error?.summary || report?.message || run.stderr?.trim().split('\n').pop() || 'no answer';
  console.warn(`audit: the advisory service could not be asked (${why}); no verdict on the web client's packages`);
  process.exit(strict ? 1 : 0);
}

const failures = [];
const waived = [];
for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
  for (const via of vulnerability.via ?? []) {
    if (typeof via !== 'object' || !FAILING.has(via.severity)) {
      continue; // a string names another vulnerable package, reported on its own
    }
    const id = (via.url ?? '').split('/').pop() || String(via.source);
    const line = `${via.severity} ${id} ${name}@${via.range ?? '?'}: ${via.title ?? ''}`;
    (allowed.has(id) ? waived : failures).push(line);
  }
}
for (const line of new Set(waived)) {
  console.log(`audit: allowed by audit-allowlist.json: ${line}`);
}
if (failures.length > 0) {
  console.error('audit: advisories of severity high or critical in the web client\'s packages:');
  for (const line of new Set(failures)) {
    console.error(`  ${line}`);
  }
  console.error('Update the package (npm update / npm audit fix), or add the advisory with a reason and an `until` date '
    + 'to web-client/audit-allowlist.json (docs/security.md, "Dependencies").');
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(`audit: no unallowed high or critical advisory (all severities: ${JSON.stringify(counts)})`);
