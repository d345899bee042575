import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/index.js';
import { contentKind, registerContentKind } from '../publishing/kinds.js';
import { STATUS_LABELS, createDraft, loadItemRow, pub } from '../publishing/items.js';
import { submitForReview } from '../publishing/review.js';
import { pipelineHooks } from '../publishing/publish.js';
import { listColumns } from '../publishing/columns.js';
import { htmlToText } from '../publishing/html.js';
import { findPersonalData } from '../privacy/index.js';
import type { FoiTables } from './tables.js';
import { canRead, loadRow, type AppRow } from './applications.js';
import type { ApplicationDetail } from './model.js';

/**
 * 依申请公开转主动公开 (条例第四十四条): information disclosed in a reply that many applicants ask
 * for, or that is of public interest, should be made public proactively. The officer proposes it;
 * the publishing pipeline does the rest — a content item of kind `foi_disclosure` in a notice
 * column of the unit goes into the unit's normal review chain (保密审查 included, and the
 * personal-data gate before 终审 reads its text) and reviewers publish it. The application keeps
 * the item's id; its state is read from the pipeline, never copied.
 */
export const DISCLOSURE_KIND = 'foi_disclosure';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const toHtml = (text: string) => text.split(/\n+/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');

/** What in a text identifies the applicant: personal-data patterns, their name, their ID number. */
export function applicantDataIn(text: string, app: Pick<AppRow, 'applicant_name' | 'id_number' | 'contact_phone' | 'contact_email'>): string[] {
  const found = findPersonalData(text).filter((f) => f.kind !== 'resident_id_masked').map((f) => f.preview);
  const name = app.applicant_name.trim();
  // A one-character "name" would match everywhere; organisations' names are public anyway but are still the applicant's.
  if (name.length >= 2 && text.includes(name)) found.push(`申请人名称「${name}」`);
  for (const v of [app.id_number, app.contact_phone, app.contact_email]) if (v.trim().length >= 5 && text.includes(v.trim())) found.push('申请人证件号码或联系方式');
  return [...new Set(found)];
}

registerContentKind({
  name: DISCLOSURE_KIND,
  label: '依申请公开转主动公开',
  defaultChain: ['first', 'second', 'final'],
  requiresConfidentiality: true,
  url: (item) => `/items/${item.id}`,
  // Refused before review, not only flagged at 终审: the applicant's identity never goes out with it.
  async validateForReview(trx, item) {
    const row = await trx.selectFrom('content_items').select(['title', 'summary', 'body_html']).where('id', '=', item.id).executeTakeFirstOrThrow();
    const app = await trx.withTables<FoiTables>().selectFrom('foi_applications').select(['applicant_name', 'id_number', 'contact_phone', 'contact_email']).where('publication_item_id', '=', item.id).executeTakeFirst();
    const text = `${row.title}\n${row.summary}\n${htmlToText(row.body_html)}`;
    const found = app ? applicantDataIn(text, app) : findPersonalData(text).filter((f) => f.kind !== 'resident_id_masked').map((f) => f.preview);
    if (found.length) throw badRequest('personal_data_found', `拟公开内容中含有申请人的个人信息（${found.join('、')}），请删除后再提交`);
  },
});

// The officers of the unit learn when the information went out.
pipelineHooks.published.push(async (trx, dialect, item) => {
  if (item.kind !== DISCLOSURE_KIND) return;
  const app = await trx.withTables<FoiTables>().selectFrom('foi_applications').select(['id', 'number', 'unit_id']).where('publication_item_id', '=', item.id).executeTakeFirst();
  if (!app) return;
  await notify({ kysely: trx as unknown as Db['kysely'], dialect, close: async () => {} }, {
    to: { unitId: app.unit_id, permission: 'foi.handle' },
    title: `${app.number} 的答复内容已主动公开`,
    body: `「${item.title}」已发布（条例第四十四条）。`,
    link: `/foi?id=${app.id}`,
    dedupeKey: `foi:${app.id}:published:${item.id}`,
  });
});

export interface PublicationInput {
  title: string;
  text: string;
  /** notice columns of the unit; default: the unit's own 通知公告 column, else the district's */
  columnIds?: number[];
}

/** A starting point for the officer: the reply without the salutation, the unit line and anything identifying the applicant. */
export async function proposePublication(db: Db, actor: Actor, id: number): Promise<PublicationInput & { columnIds: number[] }> {
  const r = await loadRow(db, id);
  if (!canRead(actor, r.unit_id)) throw notFound('申请不存在');
  const paras = (r.reply_text ?? '').split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const body = paras.filter((p, i) => !(i === 0 && p.endsWith('：')) && !(i === paras.length - 1 && p.length < 40 && !/[。；]/.test(p)))
    // the applicant's right to review/litigation is addressed to them, not to the public
    .filter((p) => !p.startsWith('如对本答复不服'));
  let text = body.join('\n\n');
  for (const f of findPersonalData(text).filter((x) => x.kind !== 'resident_id_masked').sort((a, b) => b.offset - a.offset)) text = text.slice(0, f.offset) + f.preview + text.slice(f.offset + f.length);
  if (r.applicant_name.trim().length >= 2) text = text.split(r.applicant_name.trim()).join('申请人');
  text = text.replace(/您/g, '申请人');
  const subject = r.description.replace(/^申请(公开|获取)/, '').slice(0, 60);
  return { title: `依申请公开转主动公开：${subject}`.slice(0, 200), text, columnIds: await defaultColumns(db, r.unit_id) };
}

async function defaultColumns(db: Db, unitId: number): Promise<number[]> {
  const notices = (await listColumns(db, {})).filter((c) => c.kind === 'notice' && (c.unitId === unitId || c.unitId === null));
  const own = notices.find((c) => c.unitId === unitId) ?? notices[0];
  return own ? [own.id] : [];
}

/**
 * Propose the disclosed information for proactive publication: draft a `foi_disclosure` item in the
 * unit's notice column and submit it to the unit's review chain, linked to the application — all in
 * the caller's transaction (`tdb`, from the workflow step). FOI officers need not be the unit's
 * editors: the item is drafted by the system on their behalf (their name is in the audit entry of
 * the step); whether it goes out is for the reviewers to decide.
 */
export async function draftPublication(tdb: Db, actor: Actor, row: AppRow, input: PublicationInput): Promise<number> {
  if (row.outcome !== 'granted' && row.outcome !== 'partial') throw conflict('nothing_disclosed', '只有「予以公开」或「部分公开」的答复才能转为主动公开');
  if (row.publication_item_id !== null) {
    const existing = await loadItemRow(pub(tdb), row.publication_item_id).catch(() => null);
    if (existing && existing.status !== 'withdrawn') throw conflict('publication_exists', `已转主动公开（内容编号 ${existing.id}，${STATUS_LABELS[existing.status] ?? existing.status}）`);
  }
  const title = input.title.trim();
  const text = input.text.trim();
  if (title.length < 2) throw badRequest('title_required', '请填写公开标题');
  if (text.length < 10) throw badRequest('text_required', '请填写拟公开的内容（至少 10 个字）');
  const found = applicantDataIn(`${title}\n${text}`, row);
  if (found.length) throw badRequest('personal_data_found', `拟公开内容中含有申请人的个人信息（${found.join('、')}），请删除后再提交`);
  const columnIds = input.columnIds?.length ? input.columnIds : await defaultColumns(tdb, row.unit_id);
  const drafter = { ...systemActor('foi'), displayName: `依申请公开转主动公开（${actor.displayName}）` };
  // The link is written with the draft, so that the kind's review check below can find the applicant.
  const item = await createDraft(tdb, drafter, { kind: DISCLOSURE_KIND, unitId: row.unit_id, title, summary: text.slice(0, 200), keywords: '依申请公开转主动公开', topic: '', bodyHtml: toHtml(text), columnIds, needsConfidentiality: true },
    async (trx, itemId) => void (await trx.withTables<FoiTables>().updateTable('foi_applications').set({ publication_item_id: itemId }).where('id', '=', row.id).execute()));
  await submitForReview(tdb, drafter, item.id);
  return item.id;
}

/** The linked item's state in the pipeline, for the application detail. */
export async function publicationOf(db: Db, r: AppRow): Promise<ApplicationDetail['publication']> {
  if (r.publication_item_id === null) return null;
  const item = await loadItemRow(pub(db), r.publication_item_id).catch(() => null);
  if (!item) return null;
  return {
    itemId: item.id, title: item.title, status: item.status, statusLabel: STATUS_LABELS[item.status] ?? item.status, indexNo: item.index_no,
    publishedAt: item.published_at, url: contentKind(item.kind)?.url({ id: item.id, kind: item.kind, unitId: item.unit_id, title: item.title, bundleId: item.bundle_id }) ?? `/items/${item.id}`,
  };
}
