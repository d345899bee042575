// `npm test`: the whole suite — unit and HTTP tests on SQLite, the same again on a throwaway
// PostgreSQL cluster, then the browser tests in Chromium. Installs what it needs (Debian
// packages chromium, fonts-noto-cjk, libreoffice-calc-nogui, postgresql) when missing and it runs as root.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { startCluster } from './pg-cluster.mjs';

const log = (m) => console.log(m);
const results = [];

function vitest(label, project, env, extra = []) {
  log(`\n[test] ===== ${label} =====`);
  const reportFile = `.tmp/vitest-${label.replace(/\W+/g, '-')}.json`;
  fs.mkdirSync('.tmp', { recursive: true });
  const r = spawnSync('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...extra], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  try {
    const rep = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    passed = rep.numPassedTests;
    // Failed tests; a file that fails to load counts as one failure.
    failed = rep.numFailedTests || (r.status === 0 ? 0 : Math.max(1, rep.numFailedTestSuites));
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  results.push({ label, passed, failed });
  return r.status === 0;
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && /Noto\s*(Sans|Serif)\s*CJK/i.test(r.stdout);
}
/** Debian packages the suite needs: Chromium and CJK fonts (browser tests), LibreOffice (the .xlsx files must open in it). */
function ensureDebianPackages() {
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (!has('soffice')) missing.push('libreoffice-calc-nogui');
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${missing.join(' ')} — install them with apt-get`);
  log(`[test] installing ${missing.join(' ')} with apt-get …`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const only = process.argv[2]; // optional: sqlite | postgresql | e2e
let ok = true;
const started = Date.now();
ensureDebianPackages();

if (!only) {
  log('[test] ===== typecheck and lint =====');
  for (const [label, cmd, args] of [
    ['typecheck', 'npm', ['run', '-s', 'typecheck']],
    ['lint (eslint + kitajs XSS scan)', 'npm', ['run', '-s', 'lint']],
  ]) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    results.push({ label, passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1 });
    ok = r.status === 0 && ok;
  }
}
if (!only || only === 'sqlite') ok = vitest('server on SQLite', 'server', { GONGKAI_TEST_PG: '' }) && ok;

let cluster;
try {
  if (!only || only === 'postgresql' || only === 'e2e') {
    cluster = await startCluster(log);
  }
  if (!only || only === 'postgresql') ok = vitest('server on PostgreSQL', 'server', { GONGKAI_TEST_PG: cluster.url }) && ok;
  if (!only || only === 'e2e') {
    log('\n[test] building the back office …');
    execFileSync('node', ['scripts/build-admin.mjs'], { stdio: 'inherit' });
    ok = vitest('browser (Chromium) on SQLite', 'e2e', { GONGKAI_TEST_PG: '' }) && ok;
    ok = vitest('browser (Chromium) on PostgreSQL', 'e2e', { GONGKAI_TEST_PG: cluster.url }) && ok;
  }
} catch (err) {
  console.error(err);
  ok = false;
  results.push({ label: 'setup', passed: 0, failed: 1 });
} finally {
  cluster?.stop();
}

log('\n[test] ===== summary =====');
for (const r of results) log(`[test] ${r.label}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
log(`[test] total time ${Math.round((Date.now() - started) / 1000)} s`);
log(`${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
