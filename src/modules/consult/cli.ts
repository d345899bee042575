import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Config } from '../../platform/config.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/actor.js';
import { importQa } from './kb.js';

/** `gongkai consult import-qa FILE` — load official Q&A (JSON lines, optionally .gz) into the knowledge base. */
export async function runConsultCli(config: Config, args: string[], log: (s: string) => void = console.log): Promise<number> {
  const [sub, file] = args;
  if (sub !== 'import-qa' || !file) {
    console.error('Usage: gongkai consult import-qa FILE.jsonl[.gz]');
    return 2;
  }
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') || (raw[0] === 0x1f && raw[1] === 0x8b) ? zlib.gunzipSync(raw) : raw).toString('utf8');
  const records: Array<Record<string, unknown>> = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      bad++;
    }
  }
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const r = await importQa(db, systemActor('cli'), records);
    log(JSON.stringify({ ...r, unreadableLines: bad, seconds: Math.round((performance.now() - started) / 100) / 10 }));
    return 0;
  } finally {
    await db.close();
  }
}
