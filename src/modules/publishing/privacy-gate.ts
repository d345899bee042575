import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../platform/db/index.js';
import { scanBuffer, scanText } from '../privacy/scan.js';
import { htmlToText } from './html.js';
import { pub } from './items.js';
import { storageRoot } from './attachments.js';

/**
 * Personal-data gate before 终审 (seed task 21): what the final reviewer must see. Masked
 * ID numbers are fine on their own and not reported here (the patrol judges masks together).
 */
export interface GateFinding {
  itemId: number;
  itemTitle: string;
  kind: string;
  where: string;
  preview: string;
}

export async function privacyFindingsForBundle(db: Db, dataDir: string, leadId: number): Promise<GateFinding[]> {
  const p = pub(db);
  const members = await p.selectFrom('content_items').select(['id', 'title', 'summary', 'body_html'])
    .where((eb) => eb.or([eb('id', '=', leadId), eb('bundle_id', '=', leadId)])).execute();
  const out: GateFinding[] = [];
  for (const m of members) {
    for (const f of scanText([m.title, m.summary, htmlToText(m.body_html)].join('\n'))) {
      if (f.kind !== 'resident_id_masked') out.push({ itemId: m.id, itemTitle: m.title, kind: f.kind, where: `正文${f.whereZh}`, preview: f.preview });
    }
    const atts = await p.selectFrom('attachments').select(['filename', 'storage_path']).where('item_id', '=', m.id).execute();
    for (const a of atts) {
      const abs = path.join(storageRoot(dataDir), a.storage_path);
      if (!fs.existsSync(abs)) continue;
      try {
        for (const f of (await scanBuffer(fs.readFileSync(abs))).findings) {
          if (f.kind !== 'resident_id_masked') out.push({ itemId: m.id, itemTitle: m.title, kind: f.kind, where: `附件 ${a.filename}：${f.whereZh}`, preview: f.preview });
        }
      } catch {
        // an unreadable attachment was refused at upload; nothing to scan
      }
    }
  }
  return out;
}
