import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../platform/app.js';
import { makeDocx, makePdf, makeXlsx, type Planted } from './fixtures.test-support.js';

let dir: string;
const expected: string[] = [];

function gongkai(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-scan-'));
  fs.mkdirSync(path.join(dir, 'in/nested'), { recursive: true });
  // Names that lie about the content: the type comes from the bytes.
  const files: Array<[string, { buf: Buffer; planted: Planted[] }]> = [
    ['in/名单.xlsx', await makeXlsx()],
    ['in/nested/公示.dat', await makeDocx()],
    ['in/nested/scan.txt', await makePdf()],
  ];
  for (const [name, f] of files) {
    fs.writeFileSync(path.join(dir, name), f.buf);
    for (const p of f.planted) expected.push(`${name}|${p.kind}|${p.where}`);
  }
  fs.writeFileSync(path.join(dir, 'in/nested/empty.bin'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npx gongkai scan', () => {
  it('prints one JSON object per finding, recursing folders, and exits 0', () => {
    const r = gongkai(['scan', 'in']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    for (const l of lines) expect(Object.keys(l).sort()).toEqual(['file', 'kind', 'preview', 'where']);
    expect(lines.map((l) => `${l.file}|${l.kind}|${l.where}`).sort()).toEqual(expected.sort());
    // previews never carry a whole number
    for (const l of lines) if (l.kind !== 'resident_id_masked') expect(l.preview).toContain('*');
    expect(r.stderr).toContain('empty.bin');
  });

  it('scans a single file given by path', () => {
    const r = gongkai(['scan', 'in/名单.xlsx']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(expected.filter((e) => e.startsWith('in/名单.xlsx')).length);
  });
});
