import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import { chinaToday, shiftDays } from '../../platform/calendar/working-days.js';
import { scanBuffer, scanText } from '../privacy/scan.js';
import { findAggregationRisks } from '../privacy/aggregate.js';
import { htmlToText } from '../publishing/html.js';
import { columnFreshness, internalTargetsExist, latestPublication, publishedForPatrol } from '../publishing/public.js';
import { storageRoot } from '../publishing/attachments.js';
import { policyHealth } from '../documents/library.js';
import type { NewFinding } from './findings.js';
import { nearDuplicatePairs } from './duplicates.js';

/**
 * The checks of a patrol run. Each reads through other modules' exported functions and
 * returns findings; run.ts records them. Modules with their own limits (FOI applications,
 * consultations) add checks with `registerPatrolCheck`.
 */
export interface PatrolContext {
  db: Db;
  dataDir: string;
  now: Date;
  progress(stage: string, pct: number): Promise<void>;
}
export type PatrolCheck = (ctx: PatrolContext) => Promise<NewFinding[]>;

const extraChecks: Array<{ name: string; check: PatrolCheck }> = [];
export function registerPatrolCheck(name: string, check: PatrolCheck): void {
  if (!extraChecks.some((c) => c.name === name)) extraChecks.push({ name, check });
}
export const registeredChecks = () => [...extraChecks];

const fp = (...parts: Array<string | number | null | undefined>) => createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 20);

export type PublishedItem = Awaited<ReturnType<typeof publishedForPatrol>>[number];

export function itemText(i: PublishedItem): string {
  return [i.title, i.summary, htmlToText(i.bodyHtml)].filter(Boolean).join('\n');
}

/** Personal data in item text and inside every attachment, with the place of each finding. */
export async function personalDataFindings(ctx: PatrolContext, items: PublishedItem[]): Promise<NewFinding[]> {
  const out: NewFinding[] = [];
  let done = 0;
  for (const i of items) {
    for (const f of scanText(itemText(i))) {
      if (f.kind === 'resident_id_masked') continue; // masked is what we want; aggregation judges masks
      out.push({
        kind: 'personal_data', severity: 'high', fingerprint: fp('pd', i.id, 'text', f.kind, f.preview), unitId: i.unitId, itemId: i.id,
        title: `「${i.title}」正文含${f.kind === 'resident_id' ? '身份证号码' : f.kind === 'mobile' ? '手机号码' : '银行卡号'}`, place: `正文${f.whereZh}`, preview: f.preview,
      });
    }
    for (const a of i.attachments) {
      const abs = path.join(storageRoot(ctx.dataDir), a.storagePath);
      if (!fs.existsSync(abs)) continue; // reported by the link check
      try {
        const scan = await scanBuffer(fs.readFileSync(abs));
        for (const f of scan.findings) {
          if (f.kind === 'resident_id_masked') continue;
          out.push({
            kind: 'personal_data', severity: 'high', fingerprint: fp('pd', i.id, a.id, f.kind, f.preview, f.where), unitId: i.unitId, itemId: i.id,
            title: `「${i.title}」附件 ${a.filename} 含${f.kind === 'resident_id' ? '身份证号码' : f.kind === 'mobile' ? '手机号码' : '银行卡号'}`, place: `附件 ${a.filename}：${f.whereZh}`, preview: f.preview,
          });
        }
      } catch {
        // unreadable attachments are not personal-data findings
      }
    }
    if (++done % 50 === 0) await ctx.progress('个人信息检查', Math.round((done / items.length) * 30));
  }
  return out;
}

export function aggregationFindings(items: PublishedItem[]): NewFinding[] {
  const byId = new Map(items.map((i) => [String(i.id), i]));
  return findAggregationRisks(items.map((i) => ({ id: String(i.id), text: itemText(i) }))).map((pair) => {
    const a = byId.get(pair.a.itemId)!;
    const b = byId.get(pair.b.itemId)!;
    return {
      kind: 'aggregation_risk', severity: 'high', fingerprint: fp('agg', ...[pair.a.itemId, pair.b.itemId].sort(), pair.a.shown, pair.b.shown),
      unitId: a.unitId, itemId: a.id,
      title: `「${a.title}」与「${b.title}」的身份证号码遮挡方式不同，合并可还原`,
      detail: `可还原：${pair.revealed.join('、')}`, place: `${pair.a.shown} / ${pair.b.shown}`, preview: pair.combined,
    };
  });
}

/** Columns against their update duty, empty columns, homepage freshness (inspection indicators). */
export async function columnFindings(ctx: PatrolContext): Promise<NewFinding[]> {
  const today = chinaToday(ctx.now);
  const out: NewFinding[] = [];
  for (const c of await columnFreshness(ctx.db)) {
    if (c.isLeaf && c.published === 0) {
      out.push({ kind: 'empty_column', severity: 'medium', fingerprint: fp('empty', c.id), unitId: c.unitId, columnId: c.id, title: `栏目「${c.name}」没有任何信息` });
      continue;
    }
    const last = c.lastPublishedAt?.slice(0, 10);
    if (!last) continue;
    let deadline: string | null = null;
    if (c.dutyKind === 'days') deadline = shiftDays(last, c.dutyValue);
    if (c.dutyKind === 'months') {
      const d = new Date(`${last}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + c.dutyValue);
      deadline = d.toISOString().slice(0, 10);
    }
    if (deadline && deadline < today) {
      out.push({
        kind: 'stale_column', severity: 'medium', fingerprint: fp('stale', c.id, last), unitId: c.unitId, columnId: c.id,
        title: `栏目「${c.name}」自 ${last} 起未更新`, detail: `更新要求：${c.dutyKind === 'days' ? `至少每 ${c.dutyValue} 天` : `至少每 ${c.dutyValue} 个月`}，应于 ${deadline} 前更新`,
      });
    }
  }
  const latest = await latestPublication(ctx.db);
  if (!latest || shiftDays(latest.slice(0, 10), 14) < today) {
    out.push({ kind: 'homepage_stale', severity: 'veto', fingerprint: fp('home', latest?.slice(0, 10) ?? 'never'), unitId: null, title: `首页信息已超过两周未更新（最近发布：${latest?.slice(0, 10) ?? '无'}）` });
  }
  return out;
}

const LINK = /(?:href|src)\s*=\s*"(\/(?:policies|interpretations|items|columns|files)\/(\d+)[^"]*)"/g;

/** Internal links in published bodies that lead nowhere, and attachments whose file is gone. */
export async function linkFindings(ctx: PatrolContext, items: PublishedItem[]): Promise<NewFinding[]> {
  const links: Array<{ item: PublishedItem; href: string; kind: string; id: number }> = [];
  for (const i of items) {
    for (const m of i.bodyHtml.matchAll(LINK)) links.push({ item: i, href: m[1]!, kind: m[1]!.split('/')[1]!, id: Number(m[2]) });
  }
  const exist = await internalTargetsExist(ctx.db, {
    items: links.filter((l) => l.kind !== 'files' && l.kind !== 'columns').map((l) => l.id),
    files: links.filter((l) => l.kind === 'files').map((l) => l.id),
    columns: links.filter((l) => l.kind === 'columns').map((l) => l.id),
  });
  const out: NewFinding[] = [];
  for (const l of links) {
    const ok = l.kind === 'files' ? exist.files.has(l.id) : l.kind === 'columns' ? exist.columns.has(l.id) : exist.items.has(l.id);
    if (!ok) out.push({ kind: 'broken_link', severity: 'medium', fingerprint: fp('link', l.item.id, l.href), unitId: l.item.unitId, itemId: l.item.id, title: `「${l.item.title}」中的链接 ${l.href} 已失效`, place: l.href });
  }
  for (const i of items) {
    for (const a of i.attachments) {
      if (!fs.existsSync(path.join(storageRoot(ctx.dataDir), a.storagePath))) {
        out.push({ kind: 'missing_attachment', severity: 'medium', fingerprint: fp('att', a.id), unitId: i.unitId, itemId: i.id, title: `「${i.title}」的附件 ${a.filename} 文件缺失`, place: `/files/${a.id}` });
      }
    }
  }
  return out;
}

/** 任务19: the same content published in several columns or by several units. */
export function duplicateFindings(items: PublishedItem[]): NewFinding[] {
  const texts = items.map((i) => ({ id: i.id, text: `${i.title}\n${htmlToText(i.bodyHtml)}` }));
  const byId = new Map(items.map((i) => [i.id, i]));
  return nearDuplicatePairs(texts, 0.8).map(({ a, b, similarity }) => {
    const x = byId.get(a)!;
    const y = byId.get(b)!;
    return {
      kind: 'duplicate', severity: 'low', fingerprint: fp('dup', a, b), unitId: y.unitId, itemId: y.id,
      title: `「${y.title}」与「${x.title}」内容重复`, detail: `相似度 ${Math.round(similarity * 100)}%${x.unitId !== y.unitId ? '，由不同单位发布' : ''}`, place: `${x.url} ↔ ${y.url}`,
    };
  });
}

export async function policyFindings(ctx: PatrolContext): Promise<NewFinding[]> {
  const h = await policyHealth(ctx.db, chinaToday(ctx.now));
  return [
    ...h.expiredButValid.map((p): NewFinding => ({
      kind: 'expired_policy_valid', severity: 'high', fingerprint: fp('expired', p.id), unitId: p.unitId, itemId: p.id,
      title: `「${p.title}」有效期至 ${p.validUntil}，仍标注为有效`,
    })),
    ...h.missingInterpretation.map((p): NewFinding => ({
      kind: 'missing_interpretation', severity: 'medium', fingerprint: fp('nointerp', p.id), unitId: p.unitId, itemId: p.id,
      title: `「${p.title}」须解读但尚无已发布的解读`,
    })),
  ];
}
