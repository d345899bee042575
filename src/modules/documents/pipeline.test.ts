import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ADMIN_PASSWORD, createTestApp, login, unitIdByShortName, type Client, type TestApp } from '../../../test/helpers.js';
import { search } from '../../platform/search/index.js';
import { releaseDueItems } from '../publishing/publish.js';
import { expirePolicies } from './policies.js';

/**
 * The publishing pipeline end to end over the API: a normative document with its
 * interpretation through 初审 → 复审 → 保密审查 → 终审 by four people, published, visible in
 * the library, search, feed and sitemap, then withdrawn from all of them.
 */
let t: TestApp;
let admin: Client;
const c: Record<string, Client> = {};
let unit: number;
let otherUnit: number;
let columnId: number;

const policyBody = (over: Record<string, unknown> = {}) => ({
  unitId: unit, title: '相山区养老服务补贴管理办法', summary: '规范养老服务补贴的申请与发放', keywords: '养老,补贴', topic: '劳动、人事、监察\\其他',
  bodyHtml: '<p>第一条 为规范养老服务补贴发放，制定本办法。</p><script>alert(1)</script><p onclick="x()">第二条 补贴标准每月二百元。</p>',
  columnIds: [columnId], docNumber: '相教〔2025〕3号', issuerUnitIds: [unit], policyKind: '行政规范性文件',
  writtenDate: '2025-03-01', effectiveDate: '2025-04-01', legalityReviewedOn: '2025-02-20', registrationNo: 'XSQ-2025-0003', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  unit = await unitIdByShortName(t.db, '区教育局');
  otherUnit = await unitIdByShortName(t.db, '渠沟镇');
  columnId = ((await admin.request('GET', '/api/v1/columns')).json().items as Array<{ id: number; name: string }>).find((x) => x.name === '政策文件')!.id;
  const people: Array<[string, string, number]> = [
    ['editor', 'editor', unit], ['first', 'reviewer_first', unit], ['second', 'reviewer_second', unit],
    ['conf', 'confidentiality', unit], ['final', 'reviewer_final', unit], ['outsider', 'editor', otherUnit],
  ];
  for (const [name, role, unitId] of people) {
    const res = await admin.request('POST', '/api/v1/users', { username: `p_${name}`, displayName: name, unitId, password: 'pipeline-pass-1', roles: [{ role, unitId }] });
    expect(res.statusCode, res.body).toBe(201);
    c[name] = await login(t.server, `p_${name}`, 'pipeline-pass-1');
  }
  // One person holding two reviewer roles, to prove the stages need different people.
  await admin.request('POST', '/api/v1/users', {
    username: 'p_double', displayName: 'double', unitId: unit, password: 'pipeline-pass-1',
    roles: [{ role: 'reviewer_first', unitId: unit }, { role: 'reviewer_second', unitId: unit }],
  });
  c.double = await login(t.server, 'p_double', 'pipeline-pass-1');
});
afterAll(async () => t.close());

async function pdfWith(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText(text, { x: 50, y: 700, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save());
}

function multipart(filename: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('policy with interpretation through the whole pipeline', () => {
  let policyId: number;
  let interpretationId: number;

  it('refuses a malformed 发文字号 with the reason', async () => {
    for (const bad of ['相教[2025]3号', '相教〔25〕3号', '相教〔2025〕第3号', '相教〔2025〕03号']) {
      const res = await c.editor!.request('POST', '/api/v1/policies', policyBody({ docNumber: bad }));
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('invalid_doc_number');
    }
  });

  it('drafts the policy with sanitised HTML and a 5-year default validity', async () => {
    const res = await c.editor!.request('POST', '/api/v1/policies', policyBody());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    policyId = p.id;
    expect(p.status).toBe('draft');
    expect(p.bodyHtml).not.toContain('<script');
    expect(p.bodyHtml).not.toContain('onclick');
    expect(p.policy).toMatchObject({ validUntil: '2030-03-31', requiresInterpretation: true, validity: '有效' });
  });

  it('is invisible to another unit’s editor', async () => {
    expect((await c.outsider!.request('GET', `/api/v1/policies/${policyId}`)).statusCode).toBe(404);
    expect((await c.outsider!.request('POST', `/api/v1/items/${policyId}/submit`)).statusCode).toBe(403);
  });

  it('refuses to go to review without its interpretation (同步起草)', async () => {
    const res = await c.editor!.request('POST', `/api/v1/items/${policyId}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('interpretation_required');
    expect(res.json().error.message).toContain('同步');
  });

  it('accepts attachments by content only', async () => {
    const pdf = await pdfWith('Annex: pension subsidy table zhuanxiang 2025');
    const ok = multipart('附件1.pdf', pdf);
    const res = await t.server.inject({ method: 'POST', url: `/api/v1/items/${policyId}/attachments`, payload: ok.payload, headers: { ...ok.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'application/pdf', filename: '附件1.pdf' });
    const fake = multipart('伪装.pdf', Buffer.from('MZ\x90\x00 this is an executable'));
    const bad = await t.server.inject({ method: 'POST', url: `/api/v1/items/${policyId}/attachments`, payload: fake.payload, headers: { ...fake.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.code).toBe('unsupported_file');
  });

  it('drafts the interpretation, which joins the policy’s bundle', async () => {
    const res = await c.editor!.request('POST', '/api/v1/interpretations', { title: '《相山区养老服务补贴管理办法》政策解读', form: '文字', policyIds: [policyId], bodyHtml: '<p>一、出台背景……养老服务补贴。</p>', columnIds: [] });
    expect(res.statusCode, res.body).toBe(201);
    interpretationId = res.json().id;
    expect(res.json().unitId).toBe(unit); // 谁起草谁解读
    expect(res.json().bundleId).toBe(policyId);
  });

  it('travels through four stages decided by four different people', async () => {
    const sub = await c.editor!.request('POST', `/api/v1/items/${policyId}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'in_review', chain: ['first', 'second', 'confidentiality', 'final'], stage: 'first' });
    const interp = (await c.editor!.request('GET', `/api/v1/items/${interpretationId}`)).json();
    expect(interp).toMatchObject({ status: 'in_review', stage: 'first' });
    // The interpretation is decided through its policy only.
    expect((await c.first!.request('POST', `/api/v1/items/${interpretationId}/decision`, { decision: 'approve' })).json().error.code).toBe('bundled_item');
    // Nobody approves their own draft, nor a stage they have no role for.
    expect((await c.editor!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await c.second!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await c.double!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' })).json().stage).toBe('second');
    const twice = await c.double!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve' });
    expect(twice.statusCode).toBe(403);
    expect(twice.json().error.message).toContain('不同人员');
    // Returned with comments, then resubmitted for a second round.
    const back = await c.second!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'return', comment: '请补充补贴对象' });
    expect(back.json().status).toBe('draft');
    const patched = await c.editor!.request('PATCH', `/api/v1/policies/${policyId}`, { summary: '规范养老服务补贴的对象、申请与发放' });
    expect(patched.statusCode).toBe(200);
    // A partial update leaves every field it did not name as it was.
    expect(patched.json()).toMatchObject({ keywords: '养老,补贴', columnIds: [columnId], policy: { docNumber: '相教〔2025〕3号' } });
    expect(patched.json().bodyHtml).toContain('第一条');
    expect((await c.editor!.request('POST', `/api/v1/items/${policyId}/submit`)).json().round).toBe(2);
    for (const who of ['first', 'second', 'conf', 'final']) {
      const r = await c[who]!.request('POST', `/api/v1/items/${policyId}/decision`, { decision: 'approve', comment: `${who} 同意` });
      expect(r.statusCode, `${who}: ${r.body}`).toBe(200);
    }
    const approved = (await c.editor!.request('GET', `/api/v1/items/${policyId}`)).json();
    expect(approved.status).toBe('approved');
    const round2 = approved.decisions.filter((d: { round: number; decision: string }) => d.round === 2 && d.decision === 'approve');
    expect(new Set(round2.map((d: { actorName: string }) => d.actorName)).size).toBe(4);
    expect((await c.editor!.request('GET', `/api/v1/items/${interpretationId}`)).json().status).toBe('approved');
  });

  it('publishes policy and interpretation together with gap-free 索引号', async () => {
    const res = await c.editor!.request('POST', `/api/v1/items/${policyId}/publish`, {});
    expect(res.statusCode, res.body).toBe(200);
    const credit = (await admin.request('GET', `/api/v1/units/${unit}`)).json().creditCode;
    const p = res.json();
    expect(p.status).toBe('published');
    expect(p.indexNo).toMatch(new RegExp(`^${credit}/\\d{6}-00001$`));
    const i = (await c.editor!.request('GET', `/api/v1/items/${interpretationId}`)).json();
    expect(i.status).toBe('published');
    expect(i.indexNo).toMatch(/-00002$/);
  });

  it('appears in the library, its page, search, the feed and the sitemap', async () => {
    const lib = (await t.server.inject({ method: 'GET', url: `/api/v1/documents?unitId=${unit}` })).json();
    expect(lib.items.map((d: { id: number }) => d.id)).toContain(policyId);
    expect(lib.facets.validity).toEqual([{ value: '有效', count: 1 }]);
    const page = await t.server.inject({ method: 'GET', url: `/policies/${policyId}` });
    expect(page.statusCode).toBe(200);
    for (const s of ['相教〔2025〕3号', '行政规范性文件', '《相山区养老服务补贴管理办法》政策解读', '正式发布', '发布解读', '附件1.pdf', '2030-03-31']) expect(page.body, s).toContain(s);
    expect(page.body).not.toContain('alert(1)');
    const hits = await search(t.db, t.db.dialect, { q: '养老服务补贴' });
    expect(hits.hits.map((h) => h.key)).toEqual(expect.arrayContaining([`item:${policyId}`, `item:${interpretationId}`]));
    const att = await search(t.db, t.db.dialect, { q: 'zhuanxiang' });
    expect(att.hits.map((h) => h.key.split('/')[0])).toContain(`item:${policyId}`);
    const feed = await t.server.inject({ method: 'GET', url: `/feeds/columns/${columnId}.xml` });
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body, feed.body).toContain('相山区养老服务补贴管理办法');
    expect((await t.server.inject({ method: 'GET', url: `/feeds/units/${unit}.xml` })).body).toContain(`/interpretations/${interpretationId}`);
    expect((await t.server.inject({ method: 'GET', url: '/sitemap.xml' })).body).toContain(`/policies/${policyId}</loc>`);
    expect((await t.server.inject({ method: 'GET', url: '/' })).body).toContain(`<a href="/policies/${policyId}">相山区养老服务补贴管理办法</a>`);
    const pulled = (await t.server.inject({ method: 'GET', url: `/api/v1/published?unitId=${unit}&since=2000-01-01T00:00:00Z` })).json();
    expect(pulled.items.map((i: { url: string }) => i.url)).toEqual(expect.arrayContaining([`/policies/${policyId}`, `/interpretations/${interpretationId}`]));
    const inForce = (await t.server.inject({ method: 'GET', url: '/api/v1/documents?inForceOn=2025-05-01' })).json();
    expect(inForce.items.map((d: { id: number }) => d.id)).toContain(policyId);
    const before = (await t.server.inject({ method: 'GET', url: '/api/v1/documents?inForceOn=2025-03-15' })).json();
    expect(before.items.map((d: { id: number }) => d.id)).not.toContain(policyId);
  });

  it('is withdrawn from portal, search, feeds and sitemap at once, leaving the reason', async () => {
    expect((await c.editor!.request('POST', `/api/v1/items/${policyId}/withdraw`, { reason: '内容有误' })).statusCode).toBe(403);
    const res = await c.final!.request('POST', `/api/v1/items/${policyId}/withdraw`, { reason: '文件内容需重新审定' });
    expect(res.statusCode, res.body).toBe(200);
    const page = await t.server.inject({ method: 'GET', url: `/policies/${policyId}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('已撤回');
    expect(page.body).toContain('文件内容需重新审定');
    expect(page.body).not.toContain('补贴标准每月二百元');
    expect((await t.server.inject({ method: 'GET', url: `/interpretations/${interpretationId}` })).statusCode).toBe(410);
    expect((await search(t.db, t.db.dialect, { q: '养老服务补贴' })).total).toBe(0);
    expect((await search(t.db, t.db.dialect, { q: 'zhuanxiang' })).total).toBe(0);
    expect((await t.server.inject({ method: 'GET', url: `/feeds/columns/${columnId}.xml` })).body).not.toContain('养老服务补贴');
    expect((await t.server.inject({ method: 'GET', url: '/sitemap.xml' })).body).not.toContain(`/policies/${policyId}<`);
    expect((await t.server.inject({ method: 'GET', url: '/api/v1/documents' })).json().total).toBe(0);
    expect((await t.server.inject({ method: 'GET', url: `/api/v1/published?unitId=${unit}` })).json().items).toEqual([]);
    expect((await t.server.inject({ method: 'GET', url: '/' })).body).not.toContain('养老服务补贴管理办法');
    const audit = (await admin.request('GET', `/api/v1/audit?entityType=content_item&entityId=${policyId}&pageSize=100`)).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const a of ['content.create', 'content.submit', 'content.review.approve', 'content.review.return', 'content.publish', 'content.withdraw']) expect(actions).toContain(a);
  });
});

describe('other paths', () => {
  it('an administrator can waive the interpretation with a reason', async () => {
    const p = (await c.editor!.request('POST', '/api/v1/policies', policyBody({ title: '紧急通知类规范性文件', docNumber: '相教〔2025〕4号' }))).json();
    expect((await c.editor!.request('POST', `/api/v1/items/${p.id}/submit`)).statusCode).toBe(400);
    expect((await c.editor!.request('POST', `/api/v1/policies/${p.id}/waive-interpretation`, { reason: '应急处置需要' })).statusCode).toBe(403);
    const w = await admin.request('POST', `/api/v1/policies/${p.id}/waive-interpretation`, { reason: '应急处置需要，先行发布' });
    expect(w.json().interpretationWaiver).toBe('应急处置需要，先行发布');
    expect((await c.editor!.request('POST', `/api/v1/items/${p.id}/submit`)).statusCode).toBe(200);
  });

  it('scheduled publishing releases at the set time and expiry makes a policy 失效', async () => {
    const p = (await c.editor!.request('POST', '/api/v1/policies', policyBody({ title: '短期政策', docNumber: '相教〔2025〕5号', policyKind: '其他政策文件', requiresInterpretation: false, validUntil: '2025-06-30' }))).json();
    await c.editor!.request('POST', `/api/v1/items/${p.id}/submit`);
    for (const who of ['first', 'second', 'conf', 'final']) await c[who]!.request('POST', `/api/v1/items/${p.id}/decision`, { decision: 'approve' });
    const at = new Date(Date.now() + 3600_000).toISOString();
    expect((await c.editor!.request('POST', `/api/v1/items/${p.id}/publish`, { publishAt: '2020-01-01T00:00:00Z' })).json().error.code).toBe('publish_at_past');
    expect((await c.editor!.request('POST', `/api/v1/items/${p.id}/publish`, { publishAt: at })).json().status).toBe('scheduled');
    expect(await releaseDueItems(t.db, new Date())).toBe(0);
    expect(await releaseDueItems(t.db, new Date(Date.now() + 2 * 3600_000))).toBe(1);
    expect((await c.editor!.request('GET', `/api/v1/items/${p.id}`)).json().status).toBe('published');
    expect(await expirePolicies(t.db, '2025-07-01')).toBe(1);
    const doc = (await t.server.inject({ method: 'GET', url: `/api/v1/documents/${p.id}` })).json();
    expect(doc.policy.validity).toBe('失效');
    expect(doc.timeline.map((e: { kind: string }) => e.kind)).toContain('expired');
  });
});

describe('importing a Word document as a draft body', () => {
  it('returns sanitised HTML and a title; refuses other files', async () => {
    const { Document, Packer, Paragraph, HeadingLevel } = await import('docx');
    const d = new Document({ sections: [{ children: [new Paragraph({ text: '关于做好2025年养老服务工作的通知', heading: HeadingLevel.HEADING_1 }), new Paragraph('各镇（办）：现将有关事项通知如下。')] }] });
    const buf = Buffer.from(await Packer.toBuffer(d));
    const m = multipart('通知.docx', buf);
    const res = await t.server.inject({ method: 'POST', url: '/api/v1/import/docx', payload: m.payload, headers: { ...m.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().title).toBe('关于做好2025年养老服务工作的通知');
    expect(res.json().bodyHtml).toContain('现将有关事项通知如下');
    const bad = multipart('x.docx', await pdfWith('not a docx'));
    const r2 = await t.server.inject({ method: 'POST', url: '/api/v1/import/docx', payload: bad.payload, headers: { ...bad.headers, cookie: c.editor!.cookie, 'x-csrf-token': c.editor!.csrfToken } });
    expect(r2.statusCode).toBe(415);
  });
});

describe('review chain configuration', () => {
  it('a unit may shorten the chain for a kind, but 保密审查 stays for content that needs it', async () => {
    expect((await c.editor!.request('PUT', '/api/v1/review-chains', { unitId: unit, kind: 'notice', stages: ['final'] })).statusCode).toBe(403);
    expect((await admin.request('PUT', '/api/v1/review-chains', { unitId: unit, kind: 'notice', stages: ['final'] })).statusCode).toBe(204);
    const n = (await c.editor!.request('POST', '/api/v1/items', { kind: 'notice', unitId: unit, title: '停水通知', bodyHtml: '<p>明日停水。</p>' })).json();
    const sub = (await c.editor!.request('POST', `/api/v1/items/${n.id}/submit`)).json();
    expect(sub.chain).toEqual(['confidentiality', 'final']);
    const entry = (await admin.request('GET', '/api/v1/audit?action=review_chain.set')).json().items[0];
    expect(entry.summary).toContain('终审');
  });
});

describe('personal-data gate before 终审', () => {
  it('shows the findings to the final reviewer, who must send it back or accept with a reason', async () => {
    await admin.request('PUT', '/api/v1/review-chains', { unitId: unit, kind: 'notice', stages: ['first', 'second', 'final'] });
    const n = (await c.editor!.request('POST', '/api/v1/items', { kind: 'notice', unitId: unit, title: '助学金发放公示', bodyHtml: '<p>赵六 身份证 11010519491231002X 金额 1000 元</p>' })).json();
    await c.editor!.request('POST', `/api/v1/items/${n.id}/submit`);
    for (const who of ['first', 'second', 'conf']) expect((await c[who]!.request('POST', `/api/v1/items/${n.id}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    const check = (await c.final!.request('GET', `/api/v1/items/${n.id}/privacy-check`)).json();
    expect(check.findings).toEqual([expect.objectContaining({ kind: 'resident_id', preview: '110105********002X' })]);
    const refused = await c.final!.request('POST', `/api/v1/items/${n.id}/decision`, { decision: 'approve' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('privacy_findings');
    const ok = await c.final!.request('POST', `/api/v1/items/${n.id}/decision`, { decision: 'approve', acceptPrivacyFindings: '经本人书面同意公开' });
    expect(ok.json().status).toBe('approved');
    expect(ok.json().decisions.at(-1).comment).toContain('经本人书面同意公开');
  });
});
