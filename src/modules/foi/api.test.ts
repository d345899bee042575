import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { createTestApp, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { legalPerson, naturalPerson, ORG_CODE, userWith, withCheck } from './test-support.js';
import { foiDb } from './applications.js';
import { openDatabase } from '../../platform/db/index.js';
import { buildServer } from '../../platform/http/server.js';
import { allModules } from '../../platform/app.js';

let t: TestApp;
let unitA: number;
let unitB: number;
let officerA: Client;
let officerB: Client;
let headA: Client;
let supervisor: Client;

// Each anonymous call from its own address, so the public rate limit (tested on its own) does not interfere.
let ip = 0;
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown, remoteAddress = `10.0.${Math.floor(++ip / 250)}.${ip % 250}`) =>
  t.server.inject({ method, url, remoteAddress, ...(payload !== undefined && { payload: payload as object }) });
const count = async () => Number((await foiDb(t.db).selectFrom('foi_applications').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
  unitB = await unitIdByShortName(t.db, '渠沟镇');
  officerA = await userWith(t, 'foi_a', unitA, [{ role: 'foi_officer', unitId: unitA }]);
  officerB = await userWith(t, 'foi_b', unitB, [{ role: 'foi_officer', unitId: unitB }]);
  headA = await userWith(t, 'head_a', unitA, [{ role: 'foi_head', unitId: unitA }]);
  supervisor = await userWith(t, 'sup', unitA, [{ role: 'supervisor', unitId: null }]);
});
afterAll(async () => t.close());

describe('filing an application', () => {
  it('public online submission gets a gap-free number and a tracking code; the same idempotency key returns the same application', async () => {
    const key = 'k'.repeat(10) + 'abcdefghij12';
    const r1 = await pub('POST', '/api/v1/foi/applications', naturalPerson(unitA, { idempotencyKey: key }));
    expect(r1.statusCode, r1.body).toBe(201);
    const a = r1.json();
    expect(a.number).toMatch(/^YSQ-\d{4}-\d{5}$/);
    expect(a.trackingCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(a.status).toBe('submitted');
    const r2 = await pub('POST', '/api/v1/foi/applications', naturalPerson(unitA, { idempotencyKey: key }));
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({ number: a.number, trackingCode: a.trackingCode, replayed: true });
    const r3 = await pub('POST', '/api/v1/foi/applications', legalPerson(unitA, 'research'));
    const [y, n] = [a.number.slice(4, 8), Number(a.number.slice(9))];
    expect(r3.json().number).toBe(`YSQ-${y}-${String(n + 1).padStart(5, '0')}`);
  });

  it('concurrent submissions get distinct consecutive numbers', async () => {
    const rs = await Promise.all([1, 2, 3, 4].map(() => officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2026-03-02' }))));
    const nums = rs.map((r) => Number(r.json().number.slice(9))).sort((x, y) => x - y);
    expect(new Set(nums).size).toBe(4);
    expect(nums[3]! - nums[0]!).toBe(3);
  });

  it('two app instances on one database hand out gap-free numbers, and a double submit across them files once', async () => {
    const db2 = openDatabase(t.databaseConfig);
    const second = await buildServer({ config: t.config, db: db2 }, { modules: allModules(), logger: false });
    try {
      const post = (server: typeof t.server, i: number, body: unknown) => server.inject({ method: 'POST', url: '/api/v1/foi/applications', remoteAddress: `10.7.0.${i}`, payload: body as object });
      const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => post(i % 2 ? second : t.server, i, naturalPerson(unitA))));
      expect(rs.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      const nums = rs.map((r) => Number(r.json().number.slice(9))).sort((x, y) => x - y);
      expect(nums[7]! - nums[0]!).toBe(7);
      expect(new Set(nums).size).toBe(8);
      const key = 'double-click-across-instances';
      const [a, b] = await Promise.all([post(t.server, 20, naturalPerson(unitA, { idempotencyKey: key })), post(second, 21, naturalPerson(unitA, { idempotencyKey: key }))]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      expect(a.json().number).toBe(b.json().number);
      expect(a.json().trackingCode).toBe(b.json().trackingCode);
      const serials = await foiDb(t.db).selectFrom('foi_applications').select('serial').where('year', '=', Number(a.json().number.slice(4, 8))).orderBy('serial').execute();
      expect(serials.map((x) => x.serial)).toEqual(serials.map((_, i) => i + 1));
    } finally {
      await second.close();
      await db2.close();
    }
  });

  it('refuses bad input with a Chinese message and saves nothing, consuming no number', async () => {
    const before = await count();
    const bad: Array<[unknown, string]> = [
      [naturalPerson(unitA, { idNumber: PERSON_WRONG() }), 'invalid_resident_id'],
      [legalPerson(unitA, 'business', { idNumber: ORG_CODE.slice(0, 17) + (ORG_CODE[17] === '0' ? '1' : '0') }), 'invalid_credit_code'],
      [legalPerson(unitA, 'business', { legalSubtype: undefined }), 'legal_subtype_required'],
      [naturalPerson(unitA, { channel: 'fax', receivedOn: '2026-01-05' }), 'staff_only_fields'],
      [naturalPerson(unitA, { description: '' }), 'invalid_input'],
      [naturalPerson(unitA, { phone: 'abc' }), 'invalid_input'],
      [naturalPerson(999999), 'invalid_unit'],
      [naturalPerson(unitA, { attachments: [{ name: '身份证.pdf', contentBase64: Buffer.from('MZ\x90\x00 not a pdf').toString('base64') }] }), 'attachment_disguised'],
      [naturalPerson(unitA, { attachments: [{ name: 'a.exe', contentBase64: Buffer.from('MZ').toString('base64') }] }), 'attachment_type_not_allowed'],
      [naturalPerson(unitA, { attachments: [{ name: 'big.txt', contentBase64: Buffer.alloc(2 * 1024 * 1024 + 1, 0x61).toString('base64') }] }), 'payload_too_large'],
    ];
    for (const [body, code] of bad) {
      const r = await pub('POST', '/api/v1/foi/applications', body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.code).toBe(code);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const [receivedOn, code] of [['2025-02-30', 'invalid_date'], ['2099-01-01', 'date_in_future']]) {
      const r = await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn }));
      expect(r.json().error.code).toBe(code);
    }
    expect(await count()).toBe(before);
    const next = await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2026-03-02' }));
    const last = await foiDb(t.db).selectFrom('foi_applications').select(['serial', 'year']).where('year', '=', 2026).orderBy('serial', 'desc').offset(1).limit(1).executeTakeFirstOrThrow();
    expect(Number(next.json().number.slice(9))).toBe(last.serial + 1);
  });

  it('rate-limits the anonymous public form per address, but not signed-in staff', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await pub('POST', '/api/v1/foi/applications', { unitId: unitA }, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);
    for (let i = 0; i < 11; i++) expect((await officerA.request('POST', '/api/v1/foi/applications', { unitId: unitA })).statusCode).toBe(400);
  });

  it('a staff member of another unit cannot register for unit A', async () => {
    const r = await officerB.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2026-03-02' }));
    expect(r.statusCode).toBe(403);
  });
});

function PERSON_WRONG(): string {
  const id = naturalPerson(0).idNumber as string;
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
}

describe('permissions', () => {
  it('an FOI officer of unit A cannot see or act on unit B applications; anonymous callers get 401', async () => {
    const b = await officerB.request('POST', '/api/v1/foi/applications', naturalPerson(unitB, { channel: 'in_person', receivedOn: '2026-03-02' }));
    const id = b.json().id as number;
    expect((await officerB.request('GET', `/api/v1/foi/applications/${id}`)).statusCode).toBe(200);
    expect((await officerA.request('GET', `/api/v1/foi/applications/${id}`)).statusCode).toBe(404);
    expect((await officerA.request('POST', `/api/v1/foi/applications/${id}/decide`, { outcome: 'granted', decidedOn: '2026-03-03' })).statusCode).toBe(404);
    expect((await officerA.request('GET', `/api/v1/foi/applications?unitId=${unitB}`)).statusCode).toBe(403);
    const listA = (await officerA.request('GET', '/api/v1/foi/applications')).json().items as Array<{ unitId: number }>;
    expect(listA.length).toBeGreaterThan(0);
    expect(listA.every((x) => x.unitId === unitA)).toBe(true);
    expect((await supervisor.request('GET', `/api/v1/foi/applications/${id}`)).statusCode).toBe(200);
    expect((await pub('GET', `/api/v1/foi/applications/${id}`)).statusCode).toBe(401);
    expect((await pub('GET', '/api/v1/foi/applications')).statusCode).toBe(401);
  });
});

describe('the whole workflow', () => {
  it('accept → 补正 → opinion → extension → fee → decide → reply → deliver → archive, with due dates', async () => {
    // Online application, accepted today: receipt = acceptance day (art. 31).
    const c = (await pub('POST', '/api/v1/foi/applications', legalPerson(unitA, 'legal_service'))).json();
    const acc = await officerA.request('GET', '/api/v1/foi/applications?status=submitted');
    const id = (acc.json().items as Array<{ id: number; number: string }>).find((x) => x.number === c.number)!.id;
    const accepted = await officerA.request('POST', `/api/v1/foi/applications/${id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().receivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(accepted.json().dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(accepted.json().workingDaysLeft).toBe(20);

    // Staff-registered application by registered mail, received 2025-04-24 (before 劳动节).
    const reg = await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'registered_mail', receivedOn: '2025-04-24' }));
    expect(reg.statusCode, reg.body).toBe(201);
    const rid = reg.json().id as number;
    const code = reg.json().trackingCode as string;
    const number = reg.json().number as string;
    let a = (await officerA.request('GET', `/api/v1/foi/applications/${rid}`)).json();
    expect(a).toMatchObject({ number, status: 'processing', receivedOn: '2025-04-24', dueDate: '2025-05-26', supplementNoticeDeadline: '2025-05-07' });
    expect(a.workingDaysLeft).toBeLessThan(0);

    const step = (path: string, body: unknown, client = officerA) => client.request('POST', `/api/v1/foi/applications/${rid}/${path}`, body);
    expect((await step('supplement-request', { noticeOn: '2025-05-08', supplyBy: '2025-05-20', items: '请明确所需信息的时间范围' })).json().error.code).toBe('supplement_notice_late');
    a = (await step('supplement-request', { noticeOn: '2025-04-28', supplyBy: '2025-05-20', items: '请明确所需信息的时间范围' })).json();
    expect(a).toMatchObject({ status: 'awaiting_supplement', dueDate: null });
    expect((await step('supplement-request', { noticeOn: '2025-04-29', supplyBy: '2025-05-20', items: '再次' })).statusCode).toBe(409);
    a = (await step('supplement-received', { suppliedOn: '2025-05-09' })).json();
    expect(a).toMatchObject({ status: 'processing', dueDate: '2025-06-09' });

    a = (await step('pauses', { kind: 'third_party', party: '某某公司', sentOn: '2025-05-12' })).json();
    expect(a.clock.state).toBe('paused');
    const pauseId = a.pauses[0].id as number;
    a = (await officerA.request('POST', `/api/v1/foi/applications/${rid}/pauses/${pauseId}/answer`, { answeredOn: '2025-05-16', note: '不同意公开' })).json();
    // 5-13…5-16 (4 working days) do not count.
    expect(a).toMatchObject({ dueDate: '2025-06-13', clock: { state: 'running', pausedDays: 4 } });

    expect((await step('extension', { days: 10, approvedOn: '2025-06-10', reason: '需要检索的档案较多' })).statusCode).toBe(403);
    a = (await step('extension', { days: 10, approvedOn: '2025-06-10', reason: '需要检索的档案较多' }, headA)).json();
    expect(a).toMatchObject({ dueDate: '2025-06-27', extension: { days: 10, approvedBy: 'head_a' } });
    expect((await step('extension', { days: 11, approvedOn: '2025-06-11', reason: '再延' }, headA)).json().error.code).toBe('extension_not_allowed');

    a = (await step('fee-notice', { scheme: 'per_page', quantity: 45, noticeOn: '2025-06-16' })).json();
    expect(a).toMatchObject({ status: 'awaiting_fee', fee: { amount: 150, payBy: '2025-07-14' } });
    a = (await step('fee-paid', { paidOn: '2025-06-18' })).json();
    expect(a).toMatchObject({ status: 'processing', dueDate: '2025-07-01' });

    expect((await step('decide', { outcome: 'other_no_supplement', decidedOn: '2025-06-20' })).json().error.code).toBe('not_awaiting_supplement');
    a = (await step('decide', { outcome: 'partial', decidedOn: '2025-06-20', note: '涉及第三方商业秘密的内容' })).json();
    expect(a).toMatchObject({ status: 'decided', outcome: 'partial' });
    const tpl = (await officerA.request('GET', `/api/v1/foi/applications/${rid}/reply-template`)).json().text as string;
    expect(tpl).toContain('第三十七条');
    expect(tpl).toContain('涉及第三方商业秘密的内容');

    // Not visible to the applicant before delivery.
    const early = await pub('POST', '/api/v1/foi/track/reply', { number, code });
    expect(early.statusCode).toBe(404);

    const pdf = Buffer.from('%PDF-1.4\n%test\n').toString('base64');
    a = (await step('reply', { text: tpl, repliedOn: '2025-06-23', files: [{ name: '预算执行情况.pdf', contentBase64: pdf }] })).json();
    expect(a).toMatchObject({ status: 'replied', repliedOn: '2025-06-23' });
    expect((await step('deliver', { method: 'portal', deliveredOn: '2025-06-20', note: '' })).json().error.code).toBe('date_before_reply');
    a = (await step('deliver', { method: 'portal', deliveredOn: '2025-06-23', note: '' })).json();
    expect(a.status).toBe('delivered');

    const tr = await pub('POST', '/api/v1/foi/track', { number, code });
    expect(tr.json()).toMatchObject({ status: 'delivered', replyAvailable: true, repliedOn: '2025-06-23' });
    expect((await pub('POST', '/api/v1/foi/track', { number, code: 'AAAA-BBBB-CCCC-DDDD' })).statusCode).toBe(404);
    const letter = await pub('POST', '/api/v1/foi/track/reply', { number, code });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-disposition']).toContain("filename*=UTF-8''");
    // The 答复书 is a real Word document: unit, application number, applicant, outcome citing the article, date.
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    const letterText = (await mammoth.extractRawText({ buffer: letter.rawPayload })).value;
    for (const s of [a.unitName, '政府信息公开申请答复书', `申请编号：${number}`, '张三：', '第三十七条', '涉及第三方商业秘密的内容', '2025年6月23日']) expect(letterText).toContain(s);
    const staffCopy = await officerA.request('GET', `/api/v1/foi/applications/${rid}/reply.docx`);
    expect(staffCopy.statusCode).toBe(200);
    expect((await mammoth.extractRawText({ buffer: staffCopy.rawPayload })).value).toBe(letterText);
    expect((await officerB.request('GET', `/api/v1/foi/applications/${rid}/reply.docx`)).statusCode).toBe(404);
    const file = await pub('POST', '/api/v1/foi/track/reply', { number, code, fileId: tr.json().files[0].id });
    expect(file.body.startsWith('%PDF-')).toBe(true);

    a = (await step('archive', {})).json();
    expect(a.status).toBe('archived');
    expect((await step('decide', { outcome: 'granted', decidedOn: '2025-06-25' })).json().error.code).toBe('archived');
    const kinds = (a.events as Array<{ kind: string }>).map((e) => e.kind);
    expect(kinds).toEqual(['registered', 'supplement_request', 'supplement_received', 'pause_start', 'pause_end', 'extension', 'fee_notice', 'fee_paid', 'decide', 'reply', 'deliver', 'archive']);
  });

  it('no supplement in time → 逾期不补正 only after the period; unpaid fee → 逾期未缴费', async () => {
    const id = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2025-09-26' }))).json().id;
    const s = (p: string, b: unknown) => officerA.request('POST', `/api/v1/foi/applications/${id}/${p}`, b);
    await s('supplement-request', { noticeOn: '2025-10-13', supplyBy: '2025-10-24', items: '请提供明确的文件名称' });
    expect((await s('decide', { outcome: 'other_no_supplement', decidedOn: '2025-10-24' })).json().error.code).toBe('supplement_period_running');
    expect((await s('decide', { outcome: 'other_no_supplement', decidedOn: '2025-10-27' })).json().outcome).toBe('other_no_supplement');

    const id2 = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'in_person', receivedOn: '2025-03-03' }))).json().id;
    const s2 = (p: string, b: unknown) => officerA.request('POST', `/api/v1/foi/applications/${id2}/${p}`, b);
    expect((await s2('fee-notice', { scheme: 'per_page', quantity: 30, noticeOn: '2025-03-05' })).json().error.code).toBe('fee_free');
    await s2('fee-notice', { scheme: 'per_request', quantity: 12, noticeOn: '2025-03-05' });
    expect((await s2('fee-paid', { paidOn: '2025-04-30' })).json().error.code).toBe('fee_late');
    expect((await s2('decide', { outcome: 'other_unpaid', decidedOn: '2025-04-30' })).json().outcome).toBe('other_unpaid');
  });

  it('per-request fees count the applicant’s requests in the natural month of receipt', async () => {
    const idNumber = withCheck('34060319900202002');
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { idNumber, channel: 'in_person', receivedOn: i < 10 ? '2025-07-01' : '2025-07-15' }));
      ids.push(r.json().id);
    }
    // another month does not count
    await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { idNumber, channel: 'in_person', receivedOn: '2025-06-30' }));
    const tenth = await officerA.request('POST', `/api/v1/foi/applications/${ids[9]}/fee-notice`, { scheme: 'per_request', noticeOn: '2025-07-16' });
    expect(tenth.json().error.code).toBe('fee_free');
    const eleventh = (await officerA.request('POST', `/api/v1/foi/applications/${ids[10]}/fee-notice`, { scheme: 'per_request', noticeOn: '2025-07-16' })).json();
    expect(eleventh.fee).toMatchObject({ scheme: 'per_request', quantity: 11, amount: 100 });
  });

  it('transfer to the unit holding the information keeps the history and moves access', async () => {
    const id = (await officerA.request('POST', '/api/v1/foi/applications', naturalPerson(unitA, { channel: 'fax', receivedOn: '2026-03-02' }))).json().id;
    const r = await officerA.request('POST', `/api/v1/foi/applications/${id}/transfer`, { unitId: unitB, reason: '信息由渠沟镇制作并保存' });
    expect(r.statusCode, r.body).toBe(404); // A no longer sees it after the move
    const b = (await officerB.request('GET', `/api/v1/foi/applications/${id}`)).json();
    expect(b.unitId).toBe(unitB);
    expect(b.events.map((e: { kind: string }) => e.kind)).toEqual(['registered', 'transfer']);
    expect(b.events[1].data).toMatchObject({ fromUnitId: unitA, toUnitId: unitB });
  });

  it('overdue lists per unit and district-wide', async () => {
    await officerB.request('POST', '/api/v1/foi/applications', naturalPerson(unitB, { channel: 'in_person', receivedOn: '2026-09-18' }));
    const mine = (await officerB.request('GET', '/api/v1/foi/overdue')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((x: { unitId: number; workingDaysLeft: number }) => x.unitId === unitB && x.workingDaysLeft < 0)).toBe(true);
    expect(mine.items.some((x: { dueDate: string }) => x.dueDate === '2026-10-22')).toBe(true);
    const all = (await supervisor.request('GET', '/api/v1/foi/overdue')).json();
    const units = all.byUnit.map((u: { unitId: number }) => u.unitId);
    expect(units).toContain(unitA);
    expect(units).toContain(unitB);
  });

  it('records review and litigation cases for report section 四', async () => {
    const r = await officerA.request('POST', '/api/v1/foi/cases', { unitId: unitA, kind: 'review', caseNumber: '淮复〔2025〕1号', filedOn: '2025-07-01', result: 'upheld', closedOn: '2025-08-20' });
    expect(r.statusCode, r.body).toBe(201);
    expect((await officerA.request('POST', '/api/v1/foi/cases', { unitId: unitA, kind: 'review', filedOn: '2025-07-01', result: 'upheld' })).json().error.code).toBe('closed_on_required');
    expect((await officerB.request('POST', '/api/v1/foi/cases', { unitId: unitA, kind: 'review', filedOn: '2025-07-01' })).statusCode).toBe(403);
    const list = (await officerA.request('GET', '/api/v1/foi/cases')).json().items;
    expect(list).toHaveLength(1);
  });

  it('documents every step in the OpenAPI document', async () => {
    const doc = (await pub('GET', '/api/openapi.json')).json();
    for (const p of ['/api/v1/foi/applications', '/api/v1/foi/applications/{id}', '/api/v1/foi/applications/{id}/accept', '/api/v1/foi/applications/{id}/supplement-request', '/api/v1/foi/applications/{id}/extension', '/api/v1/foi/applications/{id}/decide', '/api/v1/foi/applications/{id}/reply', '/api/v1/foi/applications/{id}/deliver', '/api/v1/foi/applications/{id}/archive', '/api/v1/foi/track']) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });
});
