import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { unitScope, can } from '../../platform/auth/roles.js';
import { withAudit } from '../../platform/audit/audit.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import { getUnit } from '../../platform/units/units.js';
import { applicationRecords, caseRecords } from '../foi/index.js';
import type { ReportTables } from './tables.js';
import { buildSection3, buildSection4, checkReport, EMPTY_SECTION2, type Check, type S3Table, type Section2, type Section4 } from './format.js';

/**
 * The annual report on government information disclosure (条例第四十九、五十条) for one unit or
 * the whole district (unit 0). Section 二 comes from registered sources (policy library,
 * enforcement records …); section 三 from applications; section 四 from review/litigation cases.
 */
export type ProactiveDisclosureSource = (db: Db, q: { year: number; unitId: number | null }) => Promise<Partial<{
  rules: Partial<Section2['rules']>;
  normativeDocuments: Partial<Section2['normativeDocuments']>;
  licensing: number;
  penalty: number;
  coercion: number;
  feesWanYuan: number;
}>>;

const sources: ProactiveDisclosureSource[] = [];

/**
 * Modules that hold published policies, enforcement decisions or fee records call this once at
 * start; their counts are added up. With none registered, section 二 is all zeros.
 * Returns a function that removes the source (tests).
 */
export function registerProactiveDisclosureSource(fn: ProactiveDisclosureSource): () => void {
  sources.push(fn);
  return () => {
    const i = sources.indexOf(fn);
    if (i >= 0) sources.splice(i, 1);
  };
}

async function section2(db: Db, year: number, unitId: number | null): Promise<Section2> {
  const s: Section2 = structuredClone(EMPTY_SECTION2);
  for (const fn of sources) {
    const r = await fn(db, { year, unitId });
    for (const k of ['issued', 'repealed', 'current'] as const) {
      s.rules[k] += r.rules?.[k] ?? 0;
      s.normativeDocuments[k] += r.normativeDocuments?.[k] ?? 0;
    }
    s.licensing += r.licensing ?? 0;
    s.penalty += r.penalty ?? 0;
    s.coercion += r.coercion ?? 0;
    s.feesWanYuan = Math.round((s.feesWanYuan + (r.feesWanYuan ?? 0)) * 10000) / 10000;
  }
  return s;
}

export interface FoiAnnualReport {
  year: number;
  unitId: number | null;
  unitName: string;
  generatedAt: string;
  section1: string;
  section2: Section2;
  section3: S3Table;
  section4: Section4;
  section5: string;
  section6: string;
  checks: Check[];
  allChecksPass: boolean;
  publishedAt: string | null;
}

const rdb = (db: Db) => db.kysely.withTables<ReportTables>();

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw badRequest('invalid_year', '年份不正确');
}

/** Who may compile a report: reports.foi on the unit, or district-wide for the district's. */
export function authorizeReport(actor: Actor, unitId: number | null): void {
  const ok = unitId === null ? unitScope(actor, 'reports.foi').all : can(actor, 'reports.foi', unitId);
  if (!ok) throw forbidden('没有编制该年度报告的权限');
}

async function tables(db: Db, year: number, unitId: number | null) {
  const [records, cases] = await Promise.all([
    applicationRecords(db, { unitId, receivedUpTo: `${year}-12-31`, repliedFrom: `${year - 1}-01-01` }),
    caseRecords(db, { unitId, filedFrom: `${year}-01-01`, filedTo: `${year}-12-31` }),
  ]);
  return { s3: buildSection3(records, year), prev: buildSection3(records, year - 1), s4: buildSection4(cases, year) };
}

/** The live report from current records (staff view). */
export async function buildReport(db: Db, year: number, unitId: number | null): Promise<FoiAnnualReport> {
  checkYear(year);
  const unitName = unitId === null ? '全区' : (await getUnit(db, unitId)).name;
  const [{ s3, prev, s4 }, s2, text] = await Promise.all([
    tables(db, year, unitId),
    section2(db, year, unitId),
    rdb(db).selectFrom('foi_annual_reports').selectAll().where('year', '=', year).where('unit_id', '=', unitId ?? 0).executeTakeFirst(),
  ]);
  const checks = checkReport(s3, s4, prev.carried_out!);
  return {
    year, unitId, unitName, generatedAt: new Date().toISOString(),
    section1: text?.overview ?? '', section2: s2, section3: s3, section4: s4, section5: text?.problems ?? '', section6: text?.other_matters ?? '',
    checks, allChecksPass: checks.every((c) => c.ok), publishedAt: text?.published_at ?? null,
  };
}

export async function saveTexts(db: Db, actor: Actor, year: number, unitId: number | null, t: { section1: string; section5: string; section6: string }): Promise<void> {
  checkYear(year);
  authorizeReport(actor, unitId);
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ReportTables>();
    const now = new Date().toISOString();
    const existing = await trx.selectFrom('foi_annual_reports').select('id').where('year', '=', year).where('unit_id', '=', unitId ?? 0).executeTakeFirst();
    const values = { overview: t.section1, problems: t.section5, other_matters: t.section6, updated_at: now };
    if (existing) await trx.updateTable('foi_annual_reports').set(values).where('id', '=', existing.id).execute();
    else await trx.insertInto('foi_annual_reports').values({ year, unit_id: unitId ?? 0, ...values }).execute();
    await audit({ action: 'reports.foi.text', entityType: 'foi_annual_report', entityId: `${year}/${unitId ?? 0}`, unitId, summary: `编辑 ${year} 年政府信息公开工作年度报告文字部分`, after: t });
  });
}

/** Publish: freeze the report as it stands (all checks must pass) so the portal shows exactly it. */
export async function publishReport(db: Db, actor: Actor, year: number, unitId: number | null): Promise<FoiAnnualReport> {
  authorizeReport(actor, unitId);
  const report = await buildReport(db, year, unitId);
  if (!report.allChecksPass) throw badRequest('checks_failed', '勾稽关系校验未通过，不能发布');
  if (!report.section1.trim()) throw badRequest('overview_required', '请先填写「一、总体情况」');
  const now = new Date().toISOString();
  const frozen = { ...report, publishedAt: now };
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0.withTables<ReportTables>();
    await trx.updateTable('foi_annual_reports').set({ published_json: JSON.stringify(frozen), published_at: now, updated_at: now }).where('year', '=', year).where('unit_id', '=', unitId ?? 0).execute();
    await audit({ action: 'reports.foi.publish', entityType: 'foi_annual_report', entityId: `${year}/${unitId ?? 0}`, unitId, summary: `发布 ${year} 年${report.unitName}政府信息公开工作年度报告` });
  });
  return frozen;
}

export async function publishedReport(db: Db, year: number, unitId: number | null): Promise<FoiAnnualReport> {
  const r = await rdb(db).selectFrom('foi_annual_reports').select('published_json').where('year', '=', year).where('unit_id', '=', unitId ?? 0).executeTakeFirst();
  if (!r?.published_json) throw notFound('该年度报告尚未发布');
  return JSON.parse(r.published_json) as FoiAnnualReport;
}

export async function listPublished(db: Db): Promise<Array<{ year: number; unitId: number | null; unitName: string; publishedAt: string }>> {
  const rows = await rdb(db).selectFrom('foi_annual_reports').select(['year', 'unit_id', 'published_json', 'published_at']).where('published_at', 'is not', null).orderBy('year', 'desc').orderBy('unit_id').execute();
  return rows.map((r) => ({ year: r.year, unitId: r.unit_id || null, unitName: (JSON.parse(r.published_json!) as FoiAnnualReport).unitName, publishedAt: r.published_at! }));
}
