import type { Db } from '../../platform/db/index.js';
import { badRequest } from '../../platform/errors.js';
import { getPublishedItem } from '../publishing/public.js';
import { contentKind } from '../publishing/kinds.js';

/** Evidence as given by a unit: a URL, a portal path, or an id of an item, column or list. */
export interface EvidenceInput {
  kind: 'url' | 'item' | 'column' | 'list';
  ref: string;
  title: string;
}
/** Evidence as stored: a published item carries its current title and portal URL. */
export interface CheckedEvidence extends EvidenceInput {
  url?: string;
}

/** A portal path on this site that ends in an item id: /policies/12, /items/5, /interpretations/7, … */
const PORTAL_PATH = /^\/(?:[a-z-]+\/)*(\d{1,12})\/?(?:[?#].*)?$/;

/**
 * Evidence that points at a published item — `{kind:'item', ref:'12'}` or a portal path
 * such as `/policies/12` — must be a published item of the portal (publishing's
 * `getPublishedItem`); it is stored as `{kind:'item', ref, title, url}` with the item's own
 * title so the district office sees what was actually published. External http(s) links,
 * columns and lists are kept as given.
 */
export async function checkEvidence(db: Db, evidence: EvidenceInput[]): Promise<CheckedEvidence[]> {
  const out: CheckedEvidence[] = [];
  for (const e of evidence) {
    const ref = e.ref.trim();
    const isPath = e.kind === 'url' && ref.startsWith('/');
    if (e.kind !== 'item' && !isPath) {
      out.push(e);
      continue;
    }
    const id = e.kind === 'item' ? (/^\d{1,12}$/.test(ref) ? Number(ref) : Number(PORTAL_PATH.exec(ref)?.[1] ?? NaN)) : Number(PORTAL_PATH.exec(ref)?.[1] ?? NaN);
    if (!Number.isSafeInteger(id)) throw badRequest('evidence_not_item', `佐证「${ref}」不是本网站已发布信息的地址或编号`);
    const row = await getPublishedItem(db, id);
    if (!row || row.status !== 'published') throw badRequest('evidence_not_published', `佐证「${ref}」指向的信息不存在或未发布（已撤回的信息不能作为佐证）`);
    const url = contentKind(row.kind)?.url({ id: row.id, kind: row.kind, unitId: row.unit_id, title: row.title, bundleId: row.bundle_id }) ?? `/items/${row.id}`;
    const path = ref.replace(/[?#].*$/, '').replace(/\/$/, '');
    if (isPath && path !== url && path !== `/items/${row.id}`) throw badRequest('evidence_not_item', `佐证「${ref}」不是已发布信息的地址（应为 ${url}）`);
    out.push({ kind: 'item', ref: String(row.id), title: row.title, url });
  }
  return out;
}
