import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type TestApp } from '../../../test/helpers.js';
import { PERSON_ID } from './test-support.js';
import { foiDb } from './applications.js';

let t: TestApp;
let unitA: number;
let ip = 0;

beforeAll(async () => {
  t = await createTestApp();
  unitA = await unitIdByShortName(t.db, '区教育局');
});
afterAll(async () => t.close());

const count = async () => Number((await foiDb(t.db).selectFrom('foi_applications').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function post(fields: Record<string, string>, files: Array<{ name: string; content: Buffer }> = [], headers: Record<string, string> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('attachments', new Blob([new Uint8Array(f.content)]), f.name);
  const r = new Response(fd);
  return t.server.inject({
    method: 'POST', url: '/xxgk/apply', remoteAddress: `10.1.0.${++ip}`,
    payload: Buffer.from(await r.arrayBuffer()), headers: { 'content-type': r.headers.get('content-type')!, host: 'localhost', ...headers },
  });
}

const valid = (token: string) => ({
  form_token: token, unitId: String(unitA), applicantKind: 'natural', legalSubtype: '', name: '王小明', idType: 'resident_id', idNumber: PERSON_ID,
  phone: '13900000000', email: '', address: '', description: '申请公开本区2025年学校布局调整方案', purpose: '', form: 'electronic', delivery: 'electronic', needsHelp: '',
});
const tokenOf = (html: string) => /name="form_token" value="([^"]+)"/.exec(html)![1]!;

describe('portal application form', () => {
  it('renders without scripts, with a label for every field and a fresh idempotency token', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/xxgk/apply' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    const ids = [...res.body.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of ids) expect(res.body, id).toContain(`for="${id}"`);
    const again = await t.server.inject({ method: 'GET', url: '/xxgk/apply' });
    expect(tokenOf(again.body)).not.toBe(tokenOf(res.body));
  });

  it('files an application with an attachment and shows number and tracking code; a double submit files nothing new', async () => {
    const token = tokenOf((await t.server.inject({ method: 'GET', url: '/xxgk/apply' })).body);
    const before = await count();
    const pdf = { name: '身份证明.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj\n') };
    const first = await post(valid(token), [pdf]);
    expect(first.statusCode, first.body.slice(0, 2000)).toBe(201);
    const number = /id="app-number">([^<]+)</.exec(first.body)![1];
    const code = /id="tracking-code">([^<]+)</.exec(first.body)![1];
    expect(number).toMatch(/^YSQ-\d{4}-\d{5}$/);
    const second = await post(valid(token), [pdf]);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('此前已经提交成功');
    expect(second.body).toContain(number);
    expect(second.body).toContain(code);
    expect(await count()).toBe(before + 1);
    const files = await foiDb(t.db).selectFrom('foi_files').select(['name', 'size']).execute();
    expect(files).toEqual([{ name: '身份证明.pdf', size: pdf.content.length }]);

    const tr = await t.server.inject({ method: 'POST', url: '/xxgk/apply/track', payload: `number=${number}&code=${code}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(tr.statusCode).toBe(200);
    expect(tr.body).toContain('已提交待受理');
    const wrong = await t.server.inject({ method: 'POST', url: '/xxgk/apply/track', payload: `number=${number}&code=WRONG-CODE`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('申请编号或查询码不正确');
  });

  it('announces errors in text next to the field, keeps the input, and saves nothing', async () => {
    const before = await count();
    const bad = await post({ ...valid('tok-' + 'x'.repeat(20)), idNumber: PERSON_ID.slice(0, 17) + (PERSON_ID[17] === '1' ? '2' : '1') });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('居民身份证号码不正确');
    expect(bad.body).not.toContain('id="app-number"');
    const zod = await post({ ...valid('tok-' + 'y'.repeat(20)), description: '', phone: 'x' });
    expect(zod.statusCode).toBe(400);
    expect(zod.body).toMatch(/id="f-description"[^>]*aria-invalid="true"/);
    expect(zod.body).toContain('id="description-error"');
    expect(zod.body).toContain('联系电话格式不正确');
    expect(zod.body).toContain('value="王小明"');
    const disguised = await post(valid('tok-' + 'z'.repeat(20)), [{ name: '材料.pdf', content: Buffer.from('MZ\x90 this is an exe') }]);
    expect(disguised.statusCode).toBe(400);
    expect(disguised.body).toContain('内容与扩展名 .pdf 不符');
    const big = await post(valid('tok-' + 'w'.repeat(20)), [{ name: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2 * 1024 * 1024 + 10)]) }]);
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('附件超过 2 MB');
    const legal = await post({ ...valid('tok-' + 'v'.repeat(20)), applicantKind: 'legal', idType: 'credit_code', idNumber: '91340603MA2N000010' });
    expect(legal.statusCode).toBe(400);
    expect(legal.body).toContain('请选择法人或其他组织的类型');
    const cross = await post(valid('tok-' + 'u'.repeat(20)), [], { origin: 'https://evil.example' });
    expect(cross.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
