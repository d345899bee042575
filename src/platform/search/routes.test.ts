import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { indexDocuments, type SearchDocument } from './index.js';

let t: TestApp;
const doc = (i: number, over: Partial<SearchDocument> = {}): SearchDocument => ({
  key: `item:${i}`,
  kind: i % 2 ? 'policy' : 'notice',
  unitId: 1,
  title: `关于做好养老服务补贴发放工作的通知（第${i}号）`,
  body: `各街道：为做好高龄老人养老服务补贴发放工作，现将有关事项通知如下。补贴标准每人每月一百元。编号${i}。`,
  url: `/items/${i}`,
  publishedAt: `2025-0${(i % 9) + 1}-15`,
  facets: { year: '2025', column: i % 3 ? ['政策文件'] : ['政策文件', '民政'] },
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  const docs = Array.from({ length: 25 }, (_, i) => doc(i + 1));
  docs.push(doc(99, { title: '<script>alert(1)</script>养老"测试"', body: '养老 <b>加粗</b> & 符号', publishedAt: '2024-01-01', facets: { year: '2024' } }));
  await indexDocuments(t.db.kysely, t.db.dialect, docs);
});
afterAll(async () => t.close());

describe('GET /api/v1/search', () => {
  it('answers anonymously with hits, highlights and requested facet counts', async () => {
    const res = await t.server.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('养老 补贴')}&facets=kind,year&pageSize=5` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(25);
    expect(body.hits).toHaveLength(5);
    expect(body.hits[0].titleHtml).toContain('<mark>养老</mark>');
    expect(body.facets.kind).toEqual([
      { value: 'policy', count: 13 },
      { value: 'notice', count: 12 },
    ]);
    expect(body.facets.year).toEqual([{ value: '2025', count: 25 }]);
  });

  it('filters by kind, unit and facet.<name>', async () => {
    const get = (qs: string) => t.server.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent('养老')}&pageSize=50&${qs}` });
    expect((await get('kind=notice')).json().total).toBe(12);
    expect((await get('kind=notice&kind=policy')).json().total).toBe(26);
    expect((await get('unitId=2')).json().total).toBe(0);
    expect((await get(`${encodeURIComponent('facet.column')}=${encodeURIComponent('民政')}`)).json().total).toBe(8);
    expect((await get('facet.year=2024')).json().hits.map((h: { key: string }) => h.key)).toEqual(['item:99']);
  });

  it('escapes document text in titles and snippets', async () => {
    const body = (await t.server.inject({ method: 'GET', url: '/api/v1/search?q=%E5%8A%A0%E7%B2%97' })).json();
    expect(body.hits[0].titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt;养老&quot;测试&quot;');
    expect(body.hits[0].snippet).toBe('养老 &lt;b&gt;<mark>加粗</mark>&lt;/b&gt; &amp; 符号');
  });

  it.each([
    ['', '请输入搜索词'],
    ['q=', '请输入搜索词'],
    [`q=${'长'.repeat(101)}`, '搜索词不能超过 100 个字'],
    ['q=a&pageSize=500', '每页条数应为 1–50'],
    ['q=a&page=0', '页码应为正整数'],
    ['q=a&unitId=abc', '单位编号应为正整数'],
    ['q=a&facets=bad-name', '分面名称不正确'],
    ['q=a&facet.bad-name=1', '分面名称「bad-name」不正确'],
  ])('refuses bad input %s with 400 and a Chinese message', async (qs, message) => {
    const res = await t.server.inject({ method: 'GET', url: `/api/v1/search?${qs}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(message);
  });
});

it('is described in the OpenAPI document', async () => {
  const res = await t.server.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(Object.keys(res.json().paths)).toContain('/api/v1/search');
});

describe('portal /search', () => {
  it('renders highlighted results, facet links and pagination without scripts', async () => {
    const res = await t.server.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('补贴')}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('找到 25 条结果');
    expect(res.body).toContain('<mark>补贴</mark>');
    expect(res.body).toContain(`href="/search?q=${encodeURIComponent('补贴')}&kind=policy"`);
    expect(res.body).toContain(`href="/search?q=${encodeURIComponent('补贴')}&page=2"`);
    expect(res.body).not.toContain('<script');
  });

  it('escapes the query and document text', async () => {
    const res = await t.server.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('养老 <script>')}` });
    expect(res.statusCode).toBe(200);
    // the query is only echoed inside the quoted value attribute, where < cannot open a tag
    expect(res.body).toContain('value="养老 <script>"');
    expect(res.body.replace(/<input [^>]*>/, '')).not.toContain('<script');
    const hit = await t.server.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('加粗')}` });
    expect(hit.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit.body).not.toContain('<script>alert');
  });

  it('shows the empty form, a no-result message and a too-long message', async () => {
    expect((await t.server.inject({ method: 'GET', url: '/search' })).body).toContain('id="search-q"');
    expect((await t.server.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('量子纠缠')}` })).body).toContain('没有找到包含「量子纠缠」的信息');
    const long = await t.server.inject({ method: 'GET', url: `/search?q=${'长'.repeat(120)}` });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('搜索词不能超过 100 个字');
  });
});
