import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../platform/config.js';
import { openDatabase } from '../../platform/db/index.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import { systemActor } from '../../platform/actor.js';
import { listUnits } from '../../platform/units/units.js';
import { readTableFile } from './table.js';
import { buildPreview, importPlan } from './plans.js';

/**
 * `gongkai workplan import FILE --year 2025 [--dry-run]` — prints
 * {"groups":N,"tasks":N,"unresolved":[…phrases…]} (and the parser's problems, if any).
 */
export async function runWorkplanCli(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { year: { type: 'string' }, title: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const file = positionals[0];
  const year = Number(values.year);
  if (sub !== 'import' || !file || !Number.isInteger(year) || year < 2000 || year > 2100) {
    console.error('usage: gongkai workplan import FILE --year 2025 [--title 标题] [--dry-run]');
    return 2;
  }
  const rows = await readTableFile(await fs.readFile(file));
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const preview = values['dry-run']
      ? buildPreview(rows, await listUnits(db), year)
      : (await importPlan(db, systemActor('cli'), { rows, year, title: values.title, sourceName: path.basename(file) })).preview;
    const out: Record<string, unknown> = { groups: preview.summary.groups, tasks: preview.summary.tasks, unresolved: preview.unresolved };
    if (preview.problems.length) out.problems = preview.problems;
    console.log(JSON.stringify(out));
    return 0;
  } finally {
    await db.close();
  }
}
