// Personal-data scan throughput (MB/s) over the laws corpus, against ripgrep with equivalent
// patterns on the same text, and the false positives on that corpus (it holds no real IDs).
// `npm run bench privacy` (or `npx tsx bench/privacy-scan.ts`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CANDIDATE_SOURCE, findPersonalData, luhnValid, type FindingKind } from '../src/modules/privacy/detect.js';
import { residentIdCheckChar } from '../src/platform/checks.js';
import { scanText } from '../src/modules/privacy/scan.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = process.env.GONGKAI_LAWS_CORPUS ?? path.resolve(ROOT, '../shared/corpus/laws.jsonl.gz');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The same candidates as CANDIDATE_SOURCE, without look-arounds (ripgrep's default engine has none): a non-digit or line edge on each side. */
const RG_PATTERNS = [
  '(?:^|[^0-9*])[0-9][0-9*]{9,17}[0-9Xx*](?:[^0-9*]|$)', // IDs, masked IDs, mobiles, cards 11–19
  '(?:^|[^0-9])[0-9]{4}(?:[ -][0-9]{4}){2,3}[ -][0-9]{1,7}(?:[^0-9]|$)', // cards in groups of four
];

function loadCorpus(): string {
  const lines = zlib.gunzipSync(fs.readFileSync(CORPUS)).toString('utf8').split('\n');
  const docs: string[] = [];
  for (const l of lines) {
    if (!l.trim()) continue;
    const d = JSON.parse(l) as { title?: string; header?: string | null; body?: string | null };
    docs.push([d.title ?? '', d.header ?? '', d.body ?? ''].join('\n'));
  }
  return docs.join('\n');
}

/**
 * A copy of the corpus with numbers planted between documents (every ~16 KB): valid and invalid
 * IDs, mobiles and cards, and masked IDs — so the validating path is exercised and recall checked.
 */
function plant(text: string): { text: string; expected: Record<FindingKind, number>; invalid: number } {
  const expected: Record<FindingKind, number> = { resident_id: 0, resident_id_masked: 0, mobile: 0, bank_card: 0 };
  let invalid = 0;
  const parts: string[] = [];
  let n = 0;
  for (let at = 0; at < text.length; at += 16_000, n++) {
    parts.push(text.slice(at, at + 16_000));
    const d = String(n % 28 + 1).padStart(2, '0');
    const first17 = `3406021990${String((n % 12) + 1).padStart(2, '0')}${d}${String(n % 1000).padStart(3, '0')}`;
    const id = first17 + residentIdCheckChar(first17);
    const wrong = first17 + (id.endsWith('0') ? '1' : '0');
    const mobile = `139${String(n).padStart(8, '0')}`;
    const card = luhnComplete(`62220${String(n).padStart(13, '0')}`);
    parts.push(`\n身份证号${id}，错号${wrong}，手机${mobile}，卡号${card}，脱敏${id.slice(0, 6)}********${id.slice(14)}，错手机12${String(n).padStart(9, '0')}。\n`);
    expected.resident_id++;
    expected.mobile++;
    expected.bank_card++;
    expected.resident_id_masked++;
    invalid += 2;
  }
  return { text: parts.join(''), expected, invalid };
}

function luhnComplete(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

function best<T>(runs: number, fn: () => T): { ms: number; result: T } {
  let ms = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms, result };
}

const rgAvailable = () => spawnSync('rg', ['--version'], { encoding: 'utf8' }).status === 0;

interface Measured {
  mb: number;
  rows: Array<[string, number, string]>;
  rgMs: number | null;
  detectMs: number;
  findings: ReturnType<typeof findPersonalData>;
}

function measure(text: string, useRg: boolean): Measured {
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  // Candidates only (no validation) vs full detection with check digits, Luhn and date checks.
  const candidates = best(RUNS, () => text.match(new RegExp(CANDIDATE_SOURCE, 'g'))?.length ?? 0);
  const detect = best(RUNS, () => findPersonalData(text));
  const perLine = best(Math.max(1, Math.floor(RUNS / 2)), () => scanText(text));
  const rows: Measured['rows'] = [
    ['gongkai: candidates only (one RegExp, no validation)', candidates.ms, `${candidates.result} candidates`],
    ['gongkai: findPersonalData (check digits, dates, Luhn validated)', detect.ms, `${detect.result.length} findings`],
    ['gongkai: scanText (split into lines, with places)', perLine.ms, `${perLine.result.length} findings`],
  ];
  let rgMs: number | null = null;
  if (useRg) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
    const file = path.join(tmp, 'corpus.txt');
    fs.writeFileSync(file, text);
    try {
      const args = ['--no-unicode', '--count-matches', '--no-filename', ...RG_PATTERNS.flatMap((p) => ['-e', p]), file];
      spawnSync('rg', args); // warm the page cache
      const r = best(RUNS, () => spawnSync('rg', args, { encoding: 'utf8' }));
      rgMs = r.ms;
      rows.push(['ripgrep 13: equivalent patterns, --no-unicode (no validation)', r.ms, `${Number(r.result.stdout.trim() || 0)} matches`]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  return { mb, rows, rgMs, detectMs: detect.ms, findings: detect.result };
}

function printTable(title: string, m: Measured) {
  const mbps = (ms: number) => m.mb / (ms / 1000);
  console.log(`\n${title} — ${m.mb.toFixed(1)} MB UTF-8, best of ${RUNS} runs`);
  console.log(`| ${'what'.padEnd(64)} | ${'ms'.padStart(7)} | ${'MB/s'.padStart(6)} | ${'÷ rg time'.padStart(9)} | result`);
  console.log(`| ${'-'.repeat(64)} | ${'-'.repeat(7)} | ${'-'.repeat(6)} | ${'-'.repeat(9)} | ------`);
  for (const [what, ms, result] of m.rows) {
    const ratio = m.rgMs ? `${(m.rgMs / ms).toFixed(2)}×` : '—';
    console.log(`| ${what.padEnd(64)} | ${ms.toFixed(1).padStart(7)} | ${mbps(ms).toFixed(0).padStart(6)} | ${ratio.padStart(9)} | ${result}`);
  }
}

const countKinds = (fs_: Measured['findings']) => {
  const c: Record<FindingKind, number> = { resident_id: 0, resident_id_masked: 0, mobile: 0, bank_card: 0 };
  for (const f of fs_) c[f.kind]++;
  return c;
};

function main() {
  if (!fs.existsSync(CORPUS)) {
    console.log(`corpus not found: ${CORPUS} — skipped`);
    return;
  }
  const useRg = rgAvailable();
  const text = loadCorpus();
  const plain = measure(text, useRg);
  printTable(`${path.basename(CORPUS)} as is`, plain);
  const planted = plant(text);
  const withNumbers = measure(planted.text, useRg);
  printTable('the same text with numbers planted every 16 KB (valid and invalid)', withNumbers);
  if (!useRg) console.log('\nripgrep (rg) is not installed — install the Debian package `ripgrep` (apt-get install ripgrep) to compare');

  const fp = countKinds(plain.findings);
  console.log('\nfalse positives on the corpus as is (it holds no real personal data):');
  for (const [kind, n] of Object.entries(fp)) console.log(`  ${kind.padEnd(20)} ${String(n).padStart(5)}`);
  const got = countKinds(withNumbers.findings);
  console.log(`\nplanted text: found / planted (valid), ${planted.invalid} invalid numbers also planted:`);
  for (const kind of Object.keys(got) as FindingKind[]) {
    console.log(`  ${kind.padEnd(20)} ${String(got[kind]).padStart(5)} / ${planted.expected[kind]}${got[kind] === planted.expected[kind] + fp[kind] ? '' : '  (MISMATCH)'}`);
  }
  for (const [label, m] of [['as is', plain], ['planted', withNumbers]] as const) {
    if (!m.rgMs) continue;
    const ratio = m.rgMs / m.detectMs;
    console.log(`target ≥ 0.5× ripgrep with check digits validated (${label}): ${ratio.toFixed(2)}× — ${ratio >= 0.5 ? 'met' : 'NOT met'}`);
  }
}

main();
