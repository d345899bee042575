import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { getJieba } from '../../platform/search/segment.js';
import { indexDocuments, removeDocuments } from '../../platform/search/index.js';
import { findPersonalData } from '../privacy/detect.js';
import { cdb, type ConsultDb, type ConsultKbTable, type ConsultTables, type ConsultTrx } from './tables.js';

/**
 * The public Q&A knowledge base (政策问答库) and similar-question suggestions.
 *
 * Ranking: the platform search requires every query word to match, which a citizen's whole
 * sentence never does; suggestions instead rank by BM25 over jieba words (cutForSearch, 2+
 * characters) of each entry's subject (counted twice) and question, kept in consult_kb_terms.
 * Words in more than a fifth of the entries are ignored; only the postings of the query's words
 * are read. kb.test.ts measures both on reworded real questions.
 */
export type KbRow = Selectable<ConsultKbTable>;
const MAX_QUERY_TERMS = 60;
const COMMON_SHARE = 0.2;

/** Words of a text for similarity (normalized, letters/digits, 2+ characters or a number). */
export function kbTerms(text: string): string[] {
  return getJieba().cutForSearch(text.normalize('NFKC').toLowerCase(), true).filter((w) => /[\p{L}\p{N}]/u.test(w) && (w.length >= 2 || /\d/.test(w)) && w.length <= 40);
}

function termCounts(subject: string, question: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of [...kbTerms(subject), ...kbTerms(subject), ...kbTerms(question)]) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Every ID number, mobile and card number replaced by its masked form (个人信息去标识化). */
export function maskPersonalData(text: string): string {
  const found = findPersonalData(text);
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.offset) + f.preview;
    at = f.offset + f.length;
  }
  return out + text.slice(at);
}

export interface KbEntryInput {
  source: 'import' | 'case';
  externalId: string;
  questionId?: number | null;
  itemId?: number | null;
  unitId?: number | null;
  subject: string;
  question: string;
  answer: string;
  askedOn: string;
  answeredOn: string;
}

export const kbUrl = (id: number) => `/interact/consult/kb/${id}`;

/** Adds entries (skipping ones already there by source + external id) with their terms and search documents, in the caller's transaction. */
export async function addKbEntries(trx: ConsultTrx, dialect: Db['dialect'], entries: KbEntryInput[]): Promise<{ added: number; skipped: number; ids: number[] }> {
  const ids: number[] = [];
  let skipped = 0;
  const now = new Date().toISOString();
  for (let i = 0; i < entries.length; i += 200) {
    const part = entries.slice(i, i + 200);
    const existing = new Set((await trx.selectFrom('consult_kb').select('external_id').where('source', 'in', [...new Set(part.map((e) => e.source))]).where('external_id', 'in', part.map((e) => e.externalId)).execute()).map((r) => r.external_id));
    const fresh = part.filter((e) => !existing.has(e.externalId));
    skipped += part.length - fresh.length;
    if (!fresh.length) continue;
    const counts = fresh.map((e) => termCounts(e.subject, e.question));
    const rows = await trx.insertInto('consult_kb').values(fresh.map((e, j) => {
      let n = 0;
      counts[j]!.forEach((v) => (n += v));
      return {
        source: e.source, external_id: e.externalId, question_id: e.questionId ?? null, item_id: e.itemId ?? null, unit_id: e.unitId ?? null, subject: e.subject,
        question: e.question, answer: e.answer, asked_on: e.askedOn, answered_on: e.answeredOn, status: 'published', term_count: n, created_at: now,
      };
    })).returning(['id', 'external_id']).execute();
    const idOf = new Map(rows.map((r) => [r.external_id, r.id]));
    const terms = fresh.flatMap((e, j) => [...counts[j]!].map(([term, tf]) => ({ kb_id: idOf.get(e.externalId)!, term, tf })));
    for (let k = 0; k < terms.length; k += 1000) await trx.insertInto('consult_kb_terms').values(terms.slice(k, k + 1000)).execute();
    ids.push(...rows.map((r) => r.id));
    // Imported entries are searchable site-wide under their own keys; published cases are indexed by the pipeline as items.
    const docs = fresh.filter((e) => e.source === 'import').map((e) => ({
      key: `qa:${idOf.get(e.externalId)!}`, kind: 'qa', unitId: e.unitId ?? null, title: e.subject, body: `${e.question}\n${e.answer}`,
      url: kbUrl(idOf.get(e.externalId)!), publishedAt: e.answeredOn, facets: { year: e.answeredOn.slice(0, 4) },
    }));
    await indexDocuments(trx, dialect, docs);
  }
  return { added: ids.length, skipped, ids };
}

/** Takes an entry out of the base (its published item was withdrawn). */
export async function withdrawKbEntry(trx: ConsultTrx, dialect: Db['dialect'], where: { itemId: number }): Promise<void> {
  const rows = await trx.selectFrom('consult_kb').select(['id', 'source']).where('item_id', '=', where.itemId).execute();
  if (!rows.length) return;
  await trx.updateTable('consult_kb').set({ status: 'withdrawn' }).where('id', 'in', rows.map((r) => r.id)).execute();
  await removeDocuments(trx, dialect, rows.filter((r) => r.source === 'import').map((r) => `qa:${r.id}`));
}

export interface Suggestion {
  id: number;
  subject: string;
  question: string;
  answer: string;
  answeredOn: string;
  url: string;
  score: number;
}

/** Published entries most similar to a text (the citizen's draft question), best first. */
export async function similarQuestions(db: Db | ConsultDb, text: string, limit = 5): Promise<Suggestion[]> {
  const k = 'kysely' in db ? cdb(db) : db;
  const qTerms = [...new Set(kbTerms(text.slice(0, 2000)))].slice(0, MAX_QUERY_TERMS);
  if (!qTerms.length) return [];
  const [stats, dfRows] = await Promise.all([
    k.selectFrom('consult_kb').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.avg<number>('term_count').as('avg')]).where('status', '=', 'published').executeTakeFirstOrThrow(),
    k.selectFrom('consult_kb_terms').select(['term', (eb) => eb.fn.countAll<number>().as('df')]).where('term', 'in', qTerms).groupBy('term').execute(),
  ]);
  const N = Number(stats.n);
  if (!N) return [];
  const avg = Number(stats.avg) || 1;
  const df = new Map(dfRows.map((r) => [r.term, Number(r.df)]));
  const useful = qTerms.filter((t) => (df.get(t) ?? 0) > 0 && (df.get(t)! <= COMMON_SHARE * N || N < 20));
  if (!useful.length) return [];
  const postings = await k.selectFrom('consult_kb_terms as t').innerJoin('consult_kb as b', 'b.id', 't.kb_id')
    .select(['t.kb_id', 't.term', 't.tf', 'b.term_count']).where('t.term', 'in', useful).where('b.status', '=', 'published').execute();
  const scores = new Map<number, number>();
  for (const p of postings) {
    const d = df.get(p.term)!;
    const idf = Math.log(1 + (N - d + 0.5) / (d + 0.5));
    const s = (idf * (p.tf * 2.2)) / (p.tf + 1.2 * (0.25 + (0.75 * p.term_count) / avg));
    scores.set(p.kb_id, (scores.get(p.kb_id) ?? 0) + s);
  }
  const best = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
  if (!best.length) return [];
  const rows = new Map((await k.selectFrom('consult_kb').selectAll().where('id', 'in', best.map((b) => b[0])).execute()).map((r) => [r.id, r]));
  return best.map(([id, score]) => {
    const r = rows.get(id)!;
    return { id, subject: r.subject, question: r.question, answer: r.answer, answeredOn: r.answered_on, url: kbUrl(id), score: Math.round(score * 1000) / 1000 };
  });
}

export async function getKbEntry(db: Db, id: number): Promise<KbRow | undefined> {
  return cdb(db).selectFrom('consult_kb').selectAll().where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
}

export async function listKb(db: Db, page: number, pageSize = 20): Promise<{ items: KbRow[]; total: number }> {
  const k = cdb(db);
  const [items, total] = await Promise.all([
    k.selectFrom('consult_kb').selectAll().where('status', '=', 'published').orderBy('answered_on', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    k.selectFrom('consult_kb').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** '2019/4/25 9:32:09' → '2019-04-25' (the export's format); ISO dates pass through; a spreadsheet serial (43563.35) is days since 1899-12-30. */
export function exportDate(s: string): string {
  const t = s.trim();
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})/.exec(t);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  if (/^\d{5}(\.\d+)?$/.test(t)) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86400_000).toISOString().slice(0, 10);
  return '';
}

/** Import official replies (JSON lines: id, subject, askedAt, question, reply, repliedAt), personal data masked. */
export async function importQa(db: Db, actor: Actor, records: Array<Record<string, unknown>>): Promise<{ added: number; skipped: number; invalid: number }> {
  const entries: KbEntryInput[] = [];
  let invalid = 0;
  for (const r of records) {
    const id = String(r.id ?? '').trim();
    const subject = String(r.subject ?? '').trim();
    const question = String(r.question ?? '').replace(/_x000D_/g, '').trim();
    const answer = String(r.reply ?? '').replace(/_x000D_/g, '').trim();
    const askedOn = exportDate(String(r.askedAt ?? ''));
    const answeredOn = exportDate(String(r.repliedAt ?? '')) || askedOn;
    if (!id || !subject || !question || !answer || !askedOn) {
      invalid++;
      continue;
    }
    entries.push({ source: 'import', externalId: id, subject: maskPersonalData(subject), question: maskPersonalData(question), answer: maskPersonalData(answer), askedOn, answeredOn });
  }
  return withAudit(db, actor, async (trx0, audit) => {
    const r = await addKbEntries(trx0.withTables<ConsultTables>(), db.dialect, entries);
    await audit({ action: 'consult.kb.import', entityType: 'consult_kb', entityId: 'import', summary: `导入政策问答 ${r.added} 条（已存在 ${r.skipped} 条，无效 ${invalid} 条）` });
    return { added: r.added, skipped: r.skipped, invalid };
  });
}
