import type { Selectable } from 'kysely';
import { inTransaction, type Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { systemActor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { loadCalendar } from '../../platform/calendar/store.js';
import { chinaToday } from '../../platform/calendar/working-days.js';
import { isIsoDate } from '../../platform/checks.js';
import { maskId } from '../privacy/detect.js';
import { createDraft, getItemForStaff, staffScope, updateDraft, type Item } from '../publishing/items.js';
import { withdraw } from '../publishing/publish.js';
import { loadWorkbook, readSheet, validateRows, type CellProblem, type ListKindDef, type RawRow } from '../lists/index.js';
import { DECISION_COLUMNS, PRIVATE_FIELDS, decisionProblems } from './columns.js';
import {
  DECISION_KINDS, PARTY_KINDS, SEVERITIES, earliestRepair, isOnPublicView, publicPartyName, publicText, publicationDeadline, publicityEnd,
  type DecisionKind, type PartyKind, type Severity,
} from './rules.js';
import { asEnfTrx, enfDb, type EnforcementDecisionsTable, type EnfTrx } from './tables.js';

export const DECISION_CONTENT_KIND = 'enforcement_decision';
export type DecisionFields = Record<string, string>;
type Row = Selectable<EnforcementDecisionsTable>;

const codeOf = <T extends Record<string, string>>(map: T, label: string): keyof T => (Object.keys(map) as Array<keyof T>).find((k) => map[k] === label)!;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function decisionDef(kind: DecisionKind): ListKindDef {
  return { key: `decision_${kind}`, label: `${DECISION_KINDS[kind]}决定`, description: '', columns: DECISION_COLUMNS[kind], rowKey: ['docNumber'] };
}

export function requireDecisionKind(kind: string): DecisionKind {
  if (!(kind in DECISION_KINDS)) throw badRequest('invalid_decision_kind', `决定类别「${kind}」不存在（licensing 行政许可 / penalty 行政处罚 / coercion 行政强制）`);
  return kind as DecisionKind;
}

/** Validate records (form or file rows): every problem by row and column; nothing is saved when there is one. */
export function checkDecisionRows(kind: DecisionKind, raw: RawRow[], letters: Record<string, string>, today: string): { rows: DecisionFields[]; problems: CellProblem[] } {
  const def = decisionDef(kind);
  const r = validateRows(def, raw, letters);
  r.rows.forEach((row, i) => {
    for (const p of decisionProblems(kind, row, today)) {
      const col = def.columns.find((c) => c.key === p.key)!;
      if (r.problems.some((x) => x.row === raw[i]!.line && x.header === col.label)) continue; // the cell check already said why
      r.problems.push({ row: raw[i]!.line, column: letters[p.key] ?? '', header: col.label, value: (row[p.key] ?? '').slice(0, 100), message: p.message });
    }
  });
  r.problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return r;
}

/** Public fields of a record: the natural person's name masked everywhere, no identity number. */
export function publicFields(kind: DecisionKind, f: DecisionFields): DecisionFields {
  const party = { kind: codeOf(PARTY_KINDS, f.partyKind ?? '') ?? 'legal', name: f.partyName ?? '' } as { kind: PartyKind; name: string };
  const out: DecisionFields = {};
  for (const c of DECISION_COLUMNS[kind]) {
    if (PRIVATE_FIELDS.has(c.key)) continue;
    const v = f[c.key] ?? '';
    out[c.key] = c.key === 'partyName' ? publicPartyName(party.kind, v) : publicText(v, party);
  }
  return out;
}

function bodyHtml(kind: DecisionKind, f: DecisionFields): string {
  const pf = publicFields(kind, f);
  return `<table><tbody>${DECISION_COLUMNS[kind].filter((c) => !PRIVATE_FIELDS.has(c.key) && pf[c.key]).map((c) => `<tr><th>${esc(c.label)}</th><td>${esc(pf[c.key]!)}</td></tr>`).join('')}</tbody></table>`;
}

function titleOf(kind: DecisionKind, f: DecisionFields): string {
  return `${DECISION_KINDS[kind]}决定：${publicFields(kind, f).partyName}（${f.docNumber}）`.slice(0, 200);
}

const TYPED = new Set(['partyKind', 'partyName', 'partyCreditCode', 'partyIdNumber', 'legalRep', 'docNumber', 'decisionDate', 'severity', 'fineWan', 'confiscatedWan', 'authority', 'authorityCreditCode']);

function columnsOf(kind: DecisionKind, f: DecisionFields) {
  const details: DecisionFields = {};
  for (const [k, v] of Object.entries(f)) if (!TYPED.has(k) && v) details[k] = v;
  return {
    decision_kind: kind, party_kind: codeOf(PARTY_KINDS, f.partyKind!) as string, party_name: f.partyName!, party_credit_code: f.partyCreditCode ?? '',
    party_id_number: (f.partyIdNumber ?? '').toUpperCase(), legal_rep: f.legalRep ?? '', doc_number: f.docNumber!, decision_date: f.decisionDate!,
    severity: kind === 'penalty' ? (codeOf(SEVERITIES, f.severity!) as string) : null, fine_wan: f.fineWan ?? '', confiscated_wan: f.confiscatedWan ?? '',
    authority: f.authority!, authority_credit_code: f.authorityCreditCode ?? '', details_json: JSON.stringify(details),
  };
}

export function fieldsOf(r: Row): DecisionFields {
  return {
    ...(JSON.parse(r.details_json) as DecisionFields),
    partyKind: PARTY_KINDS[r.party_kind as PartyKind] ?? r.party_kind, partyName: r.party_name, partyCreditCode: r.party_credit_code, partyIdNumber: r.party_id_number,
    legalRep: r.legal_rep, docNumber: r.doc_number, decisionDate: r.decision_date, severity: r.severity ? SEVERITIES[r.severity as Severity] : '', fineWan: r.fine_wan,
    confiscatedWan: r.confiscated_wan, authority: r.authority, authorityCreditCode: r.authority_credit_code,
  };
}

export interface DecisionView {
  itemId: number;
  unitId: number;
  decisionKind: DecisionKind;
  kindLabel: string;
  fields: DecisionFields;
  status: string;
  publishDue: string;
  publishedOn: string | null;
  late: boolean;
  /** not yet published and past the deadline */
  overdue: boolean;
  publicityEnd: string | null;
  creditRepairedOn: string | null;
  creditRepairNote: string;
  onPublicView: boolean;
  source: string;
}

export function viewOf(r: Row & { status: string }, today: string): DecisionView {
  const kind = r.decision_kind as DecisionKind;
  const f = fieldsOf(r);
  return {
    itemId: r.item_id, unitId: r.unit_id, decisionKind: kind, kindLabel: DECISION_KINDS[kind], fields: { ...f, partyIdNumber: f.partyIdNumber ? maskId(f.partyIdNumber) : '' },
    status: r.status, publishDue: r.publish_due, publishedOn: r.published_on, late: r.late === 1,
    overdue: !r.published_on && r.status !== 'withdrawn' && today > r.publish_due,
    publicityEnd: publicityEnd(kind, r.decision_date, r.severity as Severity | null, today), creditRepairedOn: r.credit_repaired_on, creditRepairNote: r.credit_repair_note,
    onPublicView: isOnPublicView({ status: r.status, decisionKind: kind, decisionDate: r.decision_date, severity: r.severity as Severity | null, creditRepairedOn: r.credit_repaired_on }, today),
    source: r.source,
  };
}

export function joined(db: Db | EnfTrx) {
  const q = 'kysely' in db ? enfDb(db) : db;
  return q.selectFrom('enforcement_decisions').innerJoin('content_items', 'content_items.id', 'enforcement_decisions.item_id').selectAll('enforcement_decisions').select('content_items.status');
}

async function existingDocNumbers(db: Db, unitId: number, kind: DecisionKind, numbers: string[]): Promise<Set<string>> {
  if (!numbers.length) return new Set();
  const rows = await enfDb(db).selectFrom('enforcement_decisions').select('doc_number').where('unit_id', '=', unitId).where('decision_kind', '=', kind).where('doc_number', 'in', numbers).execute();
  return new Set(rows.map((r) => r.doc_number));
}

async function create(db: Db, actor: Actor, kind: DecisionKind, unitId: number, f: DecisionFields, source: string): Promise<number> {
  const cal = await loadCalendar(db);
  const due = publicationDeadline(cal, kind, f.decisionDate!).date;
  const item = await createDraft(
    db, actor,
    { kind: DECISION_CONTENT_KIND, unitId, title: titleOf(kind, f), summary: `${DECISION_KINDS[kind]}决定 ${f.docNumber}，决定日期 ${f.decisionDate}`, keywords: DECISION_KINDS[kind], topic: '', bodyHtml: bodyHtml(kind, f), columnIds: [] },
    async (trx0, itemId) => {
      await asEnfTrx(trx0).insertInto('enforcement_decisions').values({
        item_id: itemId, unit_id: unitId, ...columnsOf(kind, f), publish_due: due, published_on: null, late: 0, credit_repaired_on: null, credit_repair_note: '',
        publicity_ended_on: null, source, created_at: new Date().toISOString(),
      }).execute();
    },
  );
  return item.id;
}

/** One decision from the back-office form. */
export async function recordDecision(db: Db, actor: Actor, input: { decisionKind: string; unitId: number; fields: Record<string, unknown> }, today = chinaToday()): Promise<Item & { decision: DecisionView }> {
  const kind = requireDecisionKind(input.decisionKind);
  authorize(actor, 'enforcement.record', input.unitId);
  const r = checkDecisionRows(kind, [{ line: 1, cells: input.fields }], {}, today);
  if (r.problems.length) throw new AppError(400, 'invalid_decision', r.problems.map((p) => p.message).join('；'), { problems: r.problems });
  const f = r.rows[0]!;
  if ((await existingDocNumbers(db, input.unitId, kind, [f.docNumber!])).size) throw conflict('duplicate_doc_number', `本单位已登记文号为「${f.docNumber}」的${DECISION_KINDS[kind]}决定`);
  const id = await create(db, actor, kind, input.unitId, f, 'form');
  return getDecisionForStaff(db, actor, id, today);
}

/** Change a draft decision (before review, or after it was returned). */
export async function updateDecision(db: Db, actor: Actor, itemId: number, fields: Record<string, unknown>, today = chinaToday()): Promise<Item & { decision: DecisionView }> {
  const cur = await joined(db).where('item_id', '=', itemId).executeTakeFirst();
  if (!cur) throw notFound('执法决定不存在');
  authorize(actor, 'enforcement.record', cur.unit_id);
  const kind = cur.decision_kind as DecisionKind;
  const r = checkDecisionRows(kind, [{ line: 1, cells: fields }], {}, today);
  if (r.problems.length) throw new AppError(400, 'invalid_decision', r.problems.map((p) => p.message).join('；'), { problems: r.problems });
  const f = r.rows[0]!;
  if (f.docNumber !== cur.doc_number && (await existingDocNumbers(db, cur.unit_id, kind, [f.docNumber!])).size) throw conflict('duplicate_doc_number', `本单位已登记文号为「${f.docNumber}」的决定`);
  const due = publicationDeadline(await loadCalendar(db), kind, f.decisionDate!).date;
  await updateDraft(db, actor, itemId, { title: titleOf(kind, f), bodyHtml: bodyHtml(kind, f), summary: `${DECISION_KINDS[kind]}决定 ${f.docNumber}，决定日期 ${f.decisionDate}` }, async (trx0) => {
    await asEnfTrx(trx0).updateTable('enforcement_decisions').set({ ...columnsOf(kind, f), publish_due: due }).where('item_id', '=', itemId).execute();
  });
  return getDecisionForStaff(db, actor, itemId, today);
}

/**
 * Import decisions of one kind from .xlsx: every row checked (fields, check digits, dates,
 * amounts, 文号 not already recorded); every problem reported by row and column; nothing saved
 * unless the whole file is valid. Then one draft per row.
 */
export async function importDecisions(db: Db, actor: Actor, input: { decisionKind: string; unitId: number; buffer: Buffer }, today = chinaToday()): Promise<{ created: number[] }> {
  const kind = requireDecisionKind(input.decisionKind);
  authorize(actor, 'enforcement.record', input.unitId);
  const wb = await loadWorkbook(input.buffer);
  const t = readSheet(DECISION_COLUMNS[kind], wb.worksheets[0]!);
  if (t.problems.length) throw new AppError(400, 'invalid_file', `文件有 ${t.problems.length} 处问题，未保存任何数据。${t.problems.map((p) => p.message).join('；')}`, { problems: t.problems });
  if (!t.raw.length) throw badRequest('empty_file', '表头下没有数据行');
  const r = checkDecisionRows(kind, t.raw, t.letters, today);
  const existing = await existingDocNumbers(db, input.unitId, kind, r.rows.map((x) => x.docNumber ?? '').filter(Boolean));
  r.rows.forEach((x, i) => {
    if (x.docNumber && existing.has(x.docNumber)) r.problems.push({ row: t.raw[i]!.line, column: t.letters.docNumber ?? '', header: '决定书文号', value: x.docNumber, message: '该文号的决定已经登记过' });
  });
  if (r.problems.length) {
    const shown = r.problems.slice(0, 5).map((p) => `第 ${p.row} 行 ${p.column} 列：${p.message}`).join('；');
    throw new AppError(400, 'invalid_file', `文件有 ${r.problems.length} 处问题，未保存任何数据。${shown}${r.problems.length > 5 ? '……' : ''}`, { problems: r.problems });
  }
  // One transaction for the whole file: a failure on any row (say a concurrent import of the same
  // 文号) leaves nothing behind, as the rule "nothing saved unless the whole file is valid" promises.
  return inTransaction(db, async (tdb) => {
    const created: number[] = [];
    for (const f of r.rows) created.push(await create(tdb, actor, kind, input.unitId, f, 'xlsx'));
    return { created };
  });
}

export async function getDecisionForStaff(db: Db, actor: Actor, itemId: number, today = chinaToday()): Promise<Item & { decision: DecisionView }> {
  const item = await getItemForStaff(db, actor, itemId);
  const r = await joined(db).where('item_id', '=', itemId).executeTakeFirst();
  if (!r) throw notFound('执法决定不存在');
  return { ...item, decision: viewOf(r, today) };
}

/** Decisions of the actor's units with their deadline state (late, overdue) — the back office list. */
export async function staffDecisions(db: Db, actor: Actor, f: { decisionKind?: string; unitId?: number; lateOnly?: boolean; year?: number }, today = chinaToday()): Promise<DecisionView[]> {
  const scope = staffScope(actor);
  let q = joined(db);
  if (!scope.all) q = q.where('enforcement_decisions.unit_id', 'in', scope.unitIds.length ? scope.unitIds : [-1]);
  if (f.decisionKind) q = q.where('decision_kind', '=', f.decisionKind);
  if (f.unitId) q = q.where('enforcement_decisions.unit_id', '=', f.unitId);
  if (f.year) q = q.where('decision_date', '>=', `${f.year}-01-01`).where('decision_date', '<=', `${f.year}-12-31`);
  const rows = await q.orderBy('decision_date', 'desc').orderBy('item_id', 'desc').limit(1000).execute();
  const views = rows.map((r) => viewOf(r, today));
  return f.lateOnly ? views.filter((v) => v.late || v.overdue) : views;
}

/**
 * Credit repair (信用修复) recorded: the penalty leaves public view at once (the pipeline's
 * withdrawal takes it out of the portal, search and feeds). Not before the minimum period.
 */
export async function recordCreditRepair(db: Db, actor: Actor, itemId: number, input: { repairedOn: string; note: string }, today = chinaToday()): Promise<DecisionView> {
  const r = await joined(db).where('item_id', '=', itemId).executeTakeFirst();
  if (!r) throw notFound('执法决定不存在');
  authorize(actor, 'enforcement.record', r.unit_id);
  if (r.decision_kind !== 'penalty') throw badRequest('not_a_penalty', '只有行政处罚信息可以信用修复');
  if (!isIsoDate(input.repairedOn) || input.repairedOn > today) throw badRequest('invalid_date', '修复日期须为不晚于今天的有效日期');
  if (r.credit_repaired_on) throw conflict('already_repaired', `已于 ${r.credit_repaired_on} 记录信用修复`);
  const min = earliestRepair(r.decision_date, r.severity as Severity, input.repairedOn);
  if (input.repairedOn < min) throw badRequest('repair_too_early', `最短公示期未满：${min} 起方可信用修复`);
  await withAudit(db, actor, async (trx0, audit) => {
    await asEnfTrx(trx0).updateTable('enforcement_decisions').set({ credit_repaired_on: input.repairedOn, credit_repair_note: input.note }).where('item_id', '=', itemId).execute();
    await audit({ action: 'enforcement.creditRepair', entityType: 'content_item', entityId: itemId, unitId: r.unit_id, summary: `行政处罚决定 ${r.doc_number} 信用修复（${input.repairedOn}），停止公示${input.note ? `：${input.note}` : ''}` });
  });
  if (r.status === 'published') await withdraw(db, systemActor('credit-repair'), itemId, `已完成信用修复（${input.repairedOn}），停止公示`);
  return viewOf({ ...r, credit_repaired_on: input.repairedOn, credit_repair_note: input.note, status: r.status === 'published' ? 'withdrawn' : r.status }, today);
}

/** Job: penalties whose publicity period has ended leave public view (withdrawn by the pipeline, so also from search and feeds). */
export async function endPublicity(db: Db, today = chinaToday()): Promise<number> {
  const rows = await joined(db).where('status', '=', 'published').where('decision_kind', '=', 'penalty').where('publicity_ended_on', 'is', null).execute();
  let n = 0;
  for (const r of rows) {
    const end = publicityEnd('penalty', r.decision_date, r.severity as Severity | null, today);
    if (!end || today < end) continue;
    await enfDb(db).updateTable('enforcement_decisions').set({ publicity_ended_on: today }).where('item_id', '=', r.item_id).execute();
    await withdraw(db, systemActor('scheduler'), r.item_id, `公示期满（${end}），自动停止公示`);
    n++;
  }
  return n;
}
