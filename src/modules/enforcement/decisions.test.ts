import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { systemActor, type Actor } from '../../platform/actor.js';
import { publish } from '../publishing/publish.js';
import { buildReport } from '../reports/index.js';
import { multipart } from '../lists/fixtures.test-support.js';
import { endPublicity, importDecisions } from './decisions.js';
import { enforcementYearCounts, publicDecisions } from './public.js';
import { PERSON_ID, SHOP_CODE, penaltyFields, penaltyXlsx } from './fixtures.test-support.js';

/**
 * Enforcement decisions through the pipeline with a controlled clock: the natural person's
 * name masked and the ID number never shown, the late flag against the 7-working-day deadline,
 * the record leaving the portal when its period ends (and by the 2026-04-01 rule change), credit
 * repair, .xlsx import all-or-nothing, and the yearly counts in the annual report's section 二.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let unit: number;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区市场监管局');
  const other = await unitIdByShortName(t.db, '渠沟镇');
  for (const [name, role, unitId] of [['editor', 'editor', unit], ['first', 'reviewer_first', unit], ['final', 'reviewer_final', unit], ['outsider', 'editor', other]] as const) {
    const res = await admin.request('POST', '/api/v1/users', { username: `e_${name}`, displayName: name, unitId, password: 'enforce-pass-1', roles: [{ role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `e_${name}`, 'enforce-pass-1');
  }
});
afterAll(async () => t?.close());

async function record(fields: Record<string, string>, kind = 'penalty'): Promise<number> {
  const res = await c.editor!.request('POST', '/api/v1/enforcement/decisions', { decisionKind: kind, unitId: unit, fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** 初审 and 终审 by two other people, then publication at a chosen moment (the pipeline's clock). */
async function reviewAndPublish(id: number, at: string) {
  expect((await c.editor!.request('POST', `/api/v1/items/${id}/submit`)).statusCode).toBe(200);
  for (const who of ['first', 'final']) expect((await c[who]!.request('POST', `/api/v1/items/${id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
  return publish(t.db, systemActor('test-clock'), id, {}, new Date(`${at}T02:00:00Z`));
}

const view = async (id: number) => (await c.editor!.request('GET', `/api/v1/enforcement/decisions/${id}`)).json().decision;

describe('a penalty on a natural person', () => {
  let id: number;
  let onTime: number;
  let minor: number;

  it('is recorded with its publication deadline (7 working days)', async () => {
    id = await record(penaltyFields({ partyName: '张三丰', partyKind: '自然人', partyCreditCode: '', legalRep: '', partyIdNumber: PERSON_ID, docNumber: '相市监罚〔2026〕7号', facts: '张三丰在其经营的摊位销售超过保质期的食品' }));
    const d = await view(id);
    expect(d.publishDue).toBe('2026-11-11');
    expect(d.fields.partyIdNumber).toBe('340603********001X');
    expect(d.fields.partyIdNumber).not.toContain(PERSON_ID);
  });

  it('refuses an outsider and a record with an ID number in the facts', async () => {
    expect((await c.outsider!.request('POST', '/api/v1/enforcement/decisions', { decisionKind: 'penalty', unitId: unit, fields: penaltyFields({ docNumber: 'x' }) })).statusCode).toBe(403);
    const bad = await c.editor!.request('POST', '/api/v1/enforcement/decisions', { decisionKind: 'penalty', unitId: unit, fields: penaltyFields({ docNumber: '相市监罚〔2026〕8号', facts: `当事人身份证号${PERSON_ID}`, authorityCreditCode: '11340603MB1234567A' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems.map((p: { header: string }) => p.header).sort()).toEqual(['处罚机关统一社会信用代码', '违法事实'].sort());
  });

  it('is flagged late when published after the deadline, not when on time', async () => {
    await reviewAndPublish(id, '2026-11-20');
    expect(await view(id)).toMatchObject({ late: true, publishedOn: '2026-11-20', status: 'published' });
    onTime = await record(penaltyFields({ docNumber: '相市监罚〔2026〕9号', partyName: '相山区某某便利店', partyKind: '个体工商户', partyCreditCode: SHOP_CODE, legalRep: '' }));
    await reviewAndPublish(onTime, '2026-11-11');
    expect(await view(onTime)).toMatchObject({ late: false, publishedOn: '2026-11-11' });
    const late = (await c.editor!.request('GET', '/api/v1/enforcement/decisions?lateOnly=1')).json().items.map((x: { itemId: number }) => x.itemId);
    expect(late).toContain(id);
    expect(late).not.toContain(onTime);
  });

  it('shows a masked name and no ID number on the portal, in the public API and in the item body', async () => {
    const page = await t.server.inject({ url: `/enforcement/decisions/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('张**');
    expect(page.body).toContain('张**在其经营的摊位销售超过保质期的食品');
    expect(page.body).not.toContain('张三丰');
    expect(page.body).not.toContain(PERSON_ID);
    expect(page.body).not.toMatch(/3406031985|19850312/);
    const list = await t.server.inject({ url: '/enforcement/?decisionKind=penalty' });
    expect(list.body).toContain('张**');
    expect(list.body).not.toContain('张三丰');
    const api = await t.server.inject({ url: '/api/v1/enforcement/public' });
    expect(api.body).not.toContain('张三丰');
    expect(api.body).not.toMatch(/3406031985|19850312/);
    const generic = await t.server.inject({ url: `/items/${id}` });
    expect(generic.body).not.toContain('张三丰');
    expect(generic.body).not.toMatch(/3406031985|19850312/);
    const byName = (await t.server.inject({ url: `/api/v1/enforcement/public?q=${encodeURIComponent('张三丰')}` })).json();
    expect(byName.total).toBe(0);
  });

  it('a minor penalty leaves public view on 2026-04-01 under the new rule (Order 36 of 2025)', async () => {
    minor = await record(penaltyFields({ docNumber: '相市监罚〔2025〕30号', decisionDate: '2025-12-01', severity: '轻微', category: '警告', fineWan: '', content: '警告' }));
    await reviewAndPublish(minor, '2026-03-20');
    const ids = async (today: string) => (await publicDecisions(t.db, { today, page: 1, pageSize: 100 })).items.map((d) => d.itemId);
    expect(await ids('2026-03-31')).toContain(minor);
    expect(await ids('2026-04-01')).not.toContain(minor);
    expect(await endPublicity(t.db, '2026-03-31')).toBe(0);
    expect(await endPublicity(t.db, '2026-04-01')).toBe(1);
    expect((await view(minor)).status).toBe('withdrawn');
    expect((await t.server.inject({ url: `/enforcement/decisions/${minor}` })).statusCode).toBe(404);
  });

  it('refuses to publish a penalty whose period is already over', async () => {
    const old = await record(penaltyFields({ docNumber: '相市监罚〔2026〕2号', decisionDate: '2026-01-05', severity: '轻微', category: '警告', fineWan: '', content: '警告' }));
    await expect(reviewAndPublish(old, '2026-11-20')).rejects.toMatchObject({ status: 409, code: 'publicity_over' });
  });

  it('leaves the portal by itself when its one-year period ends (controlled clock)', async () => {
    const ids = async (today: string) => (await publicDecisions(t.db, { today, page: 1, pageSize: 100 })).items.map((d) => d.itemId);
    expect(await ids('2027-11-01')).toContain(id);
    expect(await ids('2027-11-02')).not.toContain(id);
    expect(await endPublicity(t.db, '2027-11-01')).toBe(0);
    expect(await endPublicity(t.db, '2027-11-02')).toBe(2); // both penalties of 2026-11-02
    expect((await view(id)).status).toBe('withdrawn');
    expect((await t.server.inject({ url: `/enforcement/decisions/${id}` })).statusCode).toBe(404);
    expect((await t.server.inject({ url: '/api/v1/enforcement/public' })).json().items.map((d: { itemId: number }) => d.itemId)).not.toContain(id);
  });
});

describe('credit repair', () => {
  it('is refused before the minimum period and ends publicity at once after it', async () => {
    const id = await record(penaltyFields({ docNumber: '相市监罚〔2026〕20号', decisionDate: '2026-05-04' }));
    await reviewAndPublish(id, '2026-05-08');
    const early = await c.editor!.request('POST', `/api/v1/enforcement/decisions/${id}/credit-repair`, { repairedOn: '2026-06-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('repair_too_early');
    expect(early.json().error.message).toContain('2026-08-04');
    const ok = await c.editor!.request('POST', `/api/v1/enforcement/decisions/${id}/credit-repair`, { repairedOn: '2026-08-04', note: '已履行行政处罚决定并主动改正' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ creditRepairedOn: '2026-08-04', onPublicView: false });
    expect((await view(id)).status).toBe('withdrawn');
    expect((await t.server.inject({ url: `/enforcement/decisions/${id}` })).statusCode).toBe(404);
  });
});

describe('.xlsx import of penalties', () => {
  const upload = async (buf: Buffer) => {
    const m = multipart('处罚.xlsx', buf, { decisionKind: 'penalty', unitId: String(unit) });
    return t.server.inject({ method: 'POST', url: '/api/v1/enforcement/import', payload: m.payload, headers: { ...m.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
  };
  it('refuses a file with bad rows by row and column, saving nothing; then imports the corrected file', async () => {
    const before = (await c.editor!.request('GET', '/api/v1/enforcement/decisions')).json().items.length;
    const rows = [
      penaltyFields({ docNumber: '相市监罚〔2026〕31号' }),
      penaltyFields({ docNumber: '相市监罚〔2026〕32号', partyCreditCode: '91340603MA2T0000A5' }),
      penaltyFields({ docNumber: '相市监罚〔2026〕33号', decisionDate: '2026-02-30', fineWan: '五千' }),
    ];
    const bad = await upload(await penaltyXlsx(rows));
    expect(bad.statusCode).toBe(400);
    const problems = bad.json().error.details.problems as Array<{ row: number; column: string; header: string }>;
    expect(problems.map((p) => `${p.row}:${p.header}`).sort()).toEqual(['3:统一社会信用代码', '4:处罚决定日期', '4:罚款金额（万元）'].sort());
    expect(problems.find((p) => p.row === 3)!.column).toBe('C');
    expect((await c.editor!.request('GET', '/api/v1/enforcement/decisions')).json().items.length).toBe(before);
    rows[1]!.partyCreditCode = '';
    rows[1]!.partyKind = '自然人';
    rows[1]!.partyName = '王五';
    rows[1]!.legalRep = '';
    rows[2]!.decisionDate = '2026-02-28';
    rows[2]!.fineWan = '0.5';
    const ok = await upload(await penaltyXlsx(rows));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().created).toHaveLength(3);
    const again = await upload(await penaltyXlsx(rows.slice(0, 1)));
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.problems[0].message).toContain('已经登记');
  });

  it('names a 文号 repeated within the file by both rows', async () => {
    const rows = [penaltyFields({ docNumber: '相市监罚〔2026〕41号' }), penaltyFields({ docNumber: '相市监罚〔2026〕42号' }), penaltyFields({ docNumber: '相市监罚〔2026〕41号' })];
    const res = await upload(await penaltyXlsx(rows));
    expect(res.statusCode).toBe(400);
    const problems = res.json().error.details.problems as Array<{ row: number; header: string; message: string }>;
    expect(problems).toEqual([expect.objectContaining({ row: 4, header: '决定书文号', message: '与第 2 行重复（决定书文号须唯一）' })]);
  });

  it('saves no row when the database refuses one of them mid-import (one transaction)', async () => {
    // A trigger makes the store itself fail on the third row after validation passed — the case
    // of a concurrent import of the same 文号 — so the rollback, not the validation, is tested.
    const boom = '相市监罚〔2026〕53号';
    if (t.db.dialect === 'sqlite') {
      await sql`create temp trigger refuse_53 before insert on enforcement_decisions when new.doc_number = ${sql.lit(boom)} begin select raise(abort, 'refused'); end`.execute(t.db.kysely);
    } else {
      await sql`create function refuse_53() returns trigger language plpgsql as $$ begin if new.doc_number = ${sql.lit(boom)} then raise exception 'refused'; end if; return new; end $$`.execute(t.db.kysely);
      await sql`create trigger refuse_53 before insert on enforcement_decisions for each row execute function refuse_53()`.execute(t.db.kysely);
    }
    const countRows = async () => Number((await sql<{ n: number }>`select count(*) as n from enforcement_decisions`.execute(t.db.kysely)).rows[0]!.n);
    const countItems = async () => Number((await sql<{ n: number }>`select count(*) as n from content_items`.execute(t.db.kysely)).rows[0]!.n);
    const editorId = (await sql<{ id: number }>`select id from users where username = 'e_editor'`.execute(t.db.kysely)).rows[0]!.id;
    const editorActor: Actor = { kind: 'user', userId: editorId, username: 'e_editor', displayName: 'editor', unitId: unit, grants: [{ role: 'editor', unitId: unit }] };
    const [rowsBefore, itemsBefore] = [await countRows(), await countItems()];
    const buffer = await penaltyXlsx(['51', '52', '53', '54'].map((n) => penaltyFields({ docNumber: `相市监罚〔2026〕${n}号` })));
    await expect(importDecisions(t.db, editorActor, { decisionKind: 'penalty', unitId: unit, buffer })).rejects.toThrow(/refused/);
    expect([await countRows(), await countItems()]).toEqual([rowsBefore, itemsBefore]);
    if (t.db.dialect === 'sqlite') await sql`drop trigger refuse_53`.execute(t.db.kysely);
    else await sql`drop trigger refuse_53 on enforcement_decisions`.execute(t.db.kysely);
    const ok = await importDecisions(t.db, editorActor, { decisionKind: 'penalty', unitId: unit, buffer });
    expect(ok.created).toHaveLength(4);
    expect(await countRows()).toBe(rowsBefore + 4);
  });
});

describe('yearly counts for the annual report', () => {
  it('counts published decisions by decision year and kind, in section 二', async () => {
    const counts = await enforcementYearCounts(t.db, 2026, unit);
    // 2026 penalties published: the natural person's, the shop's and the credit-repaired one
    expect(counts).toEqual({ licensing: 0, penalty: 3, coercion: 0 });
    expect((await enforcementYearCounts(t.db, 2025)).penalty).toBe(1);
    const report = await buildReport(t.db, 2026, unit);
    expect(report.section2.penalty).toBe(3);
  });
});
