import type { ListKindDef } from './definitions.js';
import { rowKeyOf, type ListRow } from './validate.js';

/**
 * What changed between two versions of a list: rows are matched by the kind's row key; a row
 * whose key is only in the newer version is added, only in the older removed, in both with a
 * different cell changed (with the changed columns). 序号 is ignored: renumbering after an
 * insertion is not a change of the items.
 */
export interface ChangedRow {
  before: ListRow;
  after: ListRow;
  /** keys of the columns whose value changed */
  cells: string[];
}

export interface ListDiff {
  added: ListRow[];
  removed: ListRow[];
  changed: ChangedRow[];
  unchanged: number;
}

const IGNORED = new Set(['seq']);

export function diffRows(def: ListKindDef, from: ListRow[], to: ListRow[]): ListDiff {
  const older = new Map(from.map((r) => [rowKeyOf(def, r), r]));
  const newerKeys = new Set<string>();
  const out: ListDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const r of to) {
    const k = rowKeyOf(def, r);
    newerKeys.add(k);
    const before = older.get(k);
    if (!before) {
      out.added.push(r);
      continue;
    }
    const cells = def.columns.filter((c) => !IGNORED.has(c.key) && (before[c.key] ?? '') !== (r[c.key] ?? '')).map((c) => c.key);
    if (cells.length) out.changed.push({ before, after: r, cells });
    else out.unchanged++;
  }
  for (const r of from) if (!newerKeys.has(rowKeyOf(def, r))) out.removed.push(r);
  return out;
}
