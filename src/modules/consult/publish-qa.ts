import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { registerContentKind } from '../publishing/kinds.js';
import { createDraft, loadItemRow, pub, updateDraft, type Item } from '../publishing/items.js';
import { pipelineHooks } from '../publishing/publish.js';
import { findPersonalData } from '../privacy/detect.js';
import { addKbEntries, kbTerms, maskPersonalData, withdrawKbEntry } from './kb.js';
import { canRead, loadQuestion } from './questions.js';
import { cdb, type ConsultTrx } from './tables.js';

/**
 * Publishing an answered question into the public knowledge base (公开到政策问答库) — only with
 * the asker's consent, without their name and contact, personal data masked, and through the
 * publishing pipeline (content kind 'qa': review, 索引号, search, withdrawal, audit).
 * The knowledge-base row is written with the draft (status 'draft') and goes live in
 * afterPublish; a withdrawal takes it out again.
 */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (s: string) => s.split(/\n+/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
export const qaBodyHtml = (question: string, answer: string) => `<h2>问</h2>${paragraphs(question)}<h2>答</h2>${paragraphs(answer)}`;

/** The asker's name and any ID, mobile or card number removed from a text. */
export function deidentify(text: string, askerName: string): string {
  let t = maskPersonalData(text);
  const name = askerName.trim();
  if (name.length >= 2) t = t.split(name).join('某某');
  return t;
}

registerContentKind({
  name: 'qa',
  label: '政策问答',
  defaultChain: ['first', 'final'],
  requiresConfidentiality: false,
  url: (item) => `/interact/consult/qa/${item.id}`,
  async validateForReview(trx, item) {
    const row = await trx.selectFrom('content_items').select(['title', 'summary', 'body_html']).where('id', '=', item.id).executeTakeFirstOrThrow();
    const found = findPersonalData(`${row.title}\n${row.summary}\n${row.body_html}`);
    if (found.length) throw badRequest('personal_data_found', `问答中仍含个人信息（${found.map((f) => f.preview).join('、')}），请去除后再提交`);
  },
  async afterPublish(trx0, item, publishedOn) {
    const trx = trx0 as unknown as ConsultTrx;
    await trx.updateTable('consult_kb').set({ status: 'published', subject: item.title, answered_on: publishedOn }).where('item_id', '=', item.id).execute();
  },
});

pipelineHooks.withdrawn.push(async (trx, dialect, item) => {
  if (item.kind === 'qa') await withdrawKbEntry(trx as unknown as ConsultTrx, dialect, { itemId: item.id });
});

export interface QaDraftInput {
  subject: string;
  question: string;
  answer: string;
}

/** Proposed de-identified texts for a question's Q&A (what the draft starts from). */
export async function proposeQa(db: Db, actor: Actor, questionId: number): Promise<QaDraftInput> {
  const q = await loadQuestion(cdb(db), questionId);
  if (!canRead(actor, q.unit_id)) throw notFound('咨询不存在');
  const reply = await cdb(db).selectFrom('consult_replies').select('text').where('question_id', '=', q.id).where('status', '=', 'released').orderBy('id', 'desc').executeTakeFirst();
  const firstLine = q.question.split(/[。？！?!\n]/)[0]!.trim();
  return { subject: deidentify(q.policy_title ? `关于${q.policy_title}的咨询` : firstLine.slice(0, 60) || q.topic, q.asker_name), question: deidentify(q.question, q.asker_name), answer: deidentify(reply?.text ?? '', q.asker_name) };
}

/** Draft the Q&A item (kind 'qa') for an answered question whose asker agreed to publication. */
export async function draftQa(db: Db, actor: Actor, questionId: number, input?: Partial<QaDraftInput>): Promise<Item> {
  const q = await loadQuestion(cdb(db), questionId);
  if (!canRead(actor, q.unit_id) || q.unit_id === null) throw notFound('咨询不存在');
  if (q.consent_publish !== 1) throw conflict('consent_required', '咨询人未同意公开，不能发布到政策问答库');
  if (!['replied', 'closed'].includes(q.status) || !q.replied_on) throw conflict('not_answered', '咨询答复后才能发布到政策问答库');
  if (q.kb_item_id !== null) {
    const existing = await loadItemRow(pub(db), q.kb_item_id).catch(() => null);
    if (existing && existing.status !== 'withdrawn') throw conflict('qa_exists', `该咨询已起草问答（内容编号 ${q.kb_item_id}）`);
  }
  const proposed = await proposeQa(db, actor, questionId);
  const qa = { subject: (input?.subject ?? proposed.subject).trim(), question: (input?.question ?? proposed.question).trim(), answer: (input?.answer ?? proposed.answer).trim() };
  checkQa(qa);
  return createDraft(db, actor, { kind: 'qa', unitId: q.unit_id, title: qa.subject, summary: qa.question.slice(0, 1000), keywords: q.topic, topic: '', bodyHtml: qaBodyHtml(qa.question, qa.answer), columnIds: [] }, async (trx0, itemId) => {
    const trx = trx0 as unknown as ConsultTrx;
    await trx.updateTable('consult_questions').set({ kb_item_id: itemId }).where('id', '=', q.id).execute();
    const r = await addKbEntries(trx, db.dialect, [{ source: 'case', externalId: `case:${q.id}:${itemId}`, questionId: q.id, itemId, unitId: q.unit_id, subject: qa.subject, question: qa.question, answer: qa.answer, askedOn: q.received_on, answeredOn: q.replied_on! }]);
    await trx.updateTable('consult_kb').set({ status: 'draft' }).where('id', 'in', r.ids).execute();
  });
}

function checkQa(qa: QaDraftInput): void {
  if (qa.subject.length < 2 || qa.subject.length > 200) throw badRequest('invalid_subject', '问答标题应为 2 至 200 字');
  if (qa.question.length < 5) throw badRequest('invalid_question', '问题内容至少 5 个字');
  if (qa.answer.length < 5) throw badRequest('invalid_answer', '答复内容至少 5 个字');
}

/** Edit the Q&A texts of a draft: the item and the knowledge-base row (and its terms) together. */
export async function updateQaDraft(db: Db, actor: Actor, itemId: number, qa: QaDraftInput): Promise<Item> {
  checkQa(qa);
  const row = await loadItemRow(pub(db), itemId);
  if (row.kind !== 'qa') throw badRequest('not_qa', '该内容不是政策问答');
  return updateDraft(db, actor, itemId, { title: qa.subject, summary: qa.question.slice(0, 1000), bodyHtml: qaBodyHtml(qa.question, qa.answer) }, async (trx0) => {
    const trx = trx0 as unknown as ConsultTrx;
    const kb = await trx.selectFrom('consult_kb').select('id').where('item_id', '=', itemId).executeTakeFirst();
    if (!kb) return;
    const m = new Map<string, number>();
    for (const w of [...kbTerms(qa.subject), ...kbTerms(qa.subject), ...kbTerms(qa.question)]) m.set(w, (m.get(w) ?? 0) + 1);
    let n = 0;
    m.forEach((v) => (n += v));
    await trx.updateTable('consult_kb').set({ subject: qa.subject, question: qa.question, answer: qa.answer, term_count: n }).where('id', '=', kb.id).execute();
    await trx.deleteFrom('consult_kb_terms').where('kb_id', '=', kb.id).execute();
    if (m.size) await trx.insertInto('consult_kb_terms').values([...m].map(([term, tf]) => ({ kb_id: kb.id, term, tf }))).execute();
  });
}
