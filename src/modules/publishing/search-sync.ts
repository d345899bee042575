import type { DialectName } from '../../platform/db/index.js';
import { indexDocuments, removeByPrefix, type SearchDocument } from '../../platform/search/index.js';
import { contentKind, type ItemRef } from './kinds.js';
import { pipelineHooks } from './publish.js';
import { attachmentTexts } from './attachments.js';
import { htmlToText } from './html.js';
import type { PubTrx } from './tables.js';

/**
 * Keeps the search index in step with the pipeline, inside the publishing transaction:
 * an item and its attachments are indexed when published and removed when withdrawn.
 */
async function documentsFor(trx: PubTrx, item: ItemRef): Promise<SearchDocument[]> {
  const row = await trx.selectFrom('content_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
  const columns = await trx.selectFrom('item_columns').innerJoin('columns', 'columns.id', 'item_columns.column_id').select('columns.name').where('item_id', '=', item.id).execute();
  const kind = contentKind(row.kind);
  const url = kind?.url(item) ?? `/items/${item.id}`;
  const facets: Record<string, string | string[]> = {
    year: (row.published_at ?? '').slice(0, 4),
    ...(row.topic && { topic: row.topic }),
    ...(columns.length && { column: columns.map((c) => c.name) }),
    ...((await kind?.indexFacets?.(trx, item)) ?? {}),
  };
  const base = { kind: row.kind, unitId: row.unit_id, publishedAt: row.published_at ?? new Date().toISOString(), facets };
  const docs: SearchDocument[] = [{ ...base, key: `item:${row.id}`, title: row.title, body: [row.summary, row.keywords, htmlToText(row.body_html)].filter(Boolean).join('\n'), url }];
  for (const a of await attachmentTexts(trx, row.id)) {
    docs.push({ ...base, key: `item:${row.id}/att:${a.id}`, title: `${row.title}（附件：${a.filename}）`, body: a.text, url: `/files/${a.id}/${encodeURIComponent(a.filename)}` });
  }
  return docs;
}

let installed = false;
export function installSearchSync(): void {
  if (installed) return;
  installed = true;
  pipelineHooks.published.push(async (trx: PubTrx, dialect: DialectName, item: ItemRef) => indexDocuments(trx, dialect, await documentsFor(trx, item)));
  pipelineHooks.withdrawn.push(async (trx: PubTrx, dialect: DialectName, item: ItemRef) => removeByPrefix(trx, dialect, `item:${item.id}`));
}
