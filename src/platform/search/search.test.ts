import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { indexDocuments, removeByPrefix, removeDocuments, search, segmentForIndex, segmentQuery, type SearchDocument } from './index.js';
import { loadLaws } from './corpus.js';

// The first 300 laws plus the ones the ranking checks are about.
const HAND_PICKED = /行政处罚|养老|民法典|政府信息公开/;
const docs = loadLaws((law, i) => i < 300 || HAND_PICKED.test(law.title));
const text = (d: SearchDocument) => `${d.title}\n${d.body}`;
const containing = (...words: string[]) => docs.filter((d) => words.every((w) => text(d).includes(w))).map((d) => d.key).sort();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await indexDocuments(t.db.kysely, t.db.dialect, docs);
}, 120_000);
afterAll(async () => t.drop());

async function allKeys(q: string, extra: Partial<Parameters<typeof search>[2]> = {}): Promise<string[]> {
  const keys: string[] = [];
  for (let page = 1; ; page++) {
    const r = await search(t.db.kysely, t.db.dialect, { q, page, pageSize: 100, ...extra });
    keys.push(...r.hits.map((h) => h.key));
    if (page * 100 >= r.total) {
      expect(keys.length).toBe(r.total);
      return keys.sort();
    }
  }
}

describe('segmentation', () => {
  it('indexes bigrams and nested dictionary words', () => {
    const tokens = segmentForIndex('中华人民共和国行政处罚法').split(' ');
    for (const w of ['行政', '处罚', '行政处罚', '行政处罚法', '中华人民共和国', '罚法']) expect(tokens).toContain(w);
  });
  it('splits queries into words, keeps quoted phrases and drops function words', () => {
    expect(segmentQuery('养老补贴')).toEqual(['养老', '补贴']);
    expect(segmentQuery('“政府信息公开” 养老的补贴')).toEqual(['政府信息公开', '养老', '补贴']);
    expect(segmentQuery('ＡＢＣ 2025年')).toEqual(['abc', '2025', '年']);
  });
});

describe('paging', () => {
  it.each(['罚款', '行政处罚', '政府 信息 公开', '法'])('pages of 10 follow one another in the order of one long page (%s)', async (q) => {
    const long = (await search(t.db.kysely, t.db.dialect, { q, pageSize: 60 })).hits.map((h) => h.key);
    const paged: string[] = [];
    for (let page = 1; page <= 6; page++) paged.push(...(await search(t.db.kysely, t.db.dialect, { q, page, pageSize: 10 })).hits.map((h) => h.key));
    expect(long.length).toBe(60);
    expect(paged).toEqual(long);
  });
});

describe('matching', () => {
  it.each(['养老', '补贴', '行政处罚', '罚款', '听证'])('finds exactly the documents containing %s', async (w) => {
    const expected = containing(w);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allKeys(w)).toEqual(expected);
  });

  it('requires every word of a several-word query', async () => {
    expect(await allKeys('养老 补贴')).toEqual(containing('养老', '补贴'));
    expect(await allKeys('养老补贴')).toEqual(containing('养老', '补贴'));
  });

  it('a quoted phrase matches documents containing the phrase', async () => {
    const keys = await allKeys('"政府信息公开"');
    expect(keys).toEqual(expect.arrayContaining(containing('政府信息公开')));
    expect(keys.length).toBeLessThan((await allKeys('政府 信息 公开')).length);
  });

  it('finds nothing for words no document contains, and nothing for an empty query', async () => {
    expect((await search(t.db.kysely, t.db.dialect, { q: '量子纠缠' })).total).toBe(0);
    expect((await search(t.db.kysely, t.db.dialect, { q: ' ，。' })).total).toBe(0);
  });
});

describe('ranking', () => {
  it("ranks a law first for its exact title", async () => {
    for (const title of ['中华人民共和国行政处罚法', '中华人民共和国刑法修正案（七）', docs[42]!.title, docs[150]!.title]) {
      const r = await search(t.db.kysely, t.db.dialect, { q: title });
      expect(r.hits[0]?.title, title).toBe(title);
    }
  });

  it('行政处罚 finds 中华人民共和国行政处罚法 in the top 3', async () => {
    const r = await search(t.db.kysely, t.db.dialect, { q: '行政处罚' });
    expect(r.hits.slice(0, 3).map((h) => h.title)).toContain('中华人民共和国行政处罚法');
  });

  it('puts title matches before body-only matches', async () => {
    const r = await search(t.db.kysely, t.db.dialect, { q: '养老', pageSize: 20 });
    const inTitle = docs.filter((d) => d.title.includes('养老')).length;
    expect(inTitle).toBeGreaterThan(2);
    expect(r.hits.slice(0, inTitle).every((h) => h.title.includes('养老'))).toBe(true);
    expect(r.hits[inTitle]!.title.includes('养老')).toBe(false);
  });

  it('ranks title matches, then documents about the word, then passing mentions (newest first)', async () => {
    const { kysely, dialect } = t.db;
    const filler = '本办法自发布之日起施行。'.repeat(20);
    const d = (key: string, title: string, body: string, publishedAt: string): SearchDocument => ({ key, kind: 'notice', unitId: 1, title, body, url: `/${key}`, publishedAt });
    await indexDocuments(kysely, dialect, [
      d('durian:once', '水果市场管理通知', `${filler}榴莲价格平稳。`, '2025-05-01'),
      d('durian:often', '热带水果种植指南', `${filler}榴莲种植。榴莲施肥。榴莲采收。榴莲储运。榴莲销售。`, '2020-01-01'),
      d('durian:title', '关于榴莲进口检疫的公告', filler, '2019-01-01'),
      d('durian:old-once', '水果批发通知', `${filler}榴莲。`, '2018-01-01'),
    ]);
    const r = await search(kysely, dialect, { q: '榴莲' });
    expect(r.hits.map((h) => h.key)).toEqual(['durian:title', 'durian:often', 'durian:once', 'durian:old-once']);
    await removeByPrefix(kysely, dialect, 'durian:once');
    await removeDocuments(kysely, dialect, ['durian:often', 'durian:title', 'durian:old-once']);
  });

  it('highlights the words in an escaped snippet and title', async () => {
    const r = await search(t.db.kysely, t.db.dialect, { q: '养老 补贴' });
    const h = r.hits[0]!;
    expect(h.snippet).toMatch(/<mark>(养老|补贴)<\/mark>/);
    expect(h.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(h.titleHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('filters and facets', () => {
  it('filters by kind, unit and facet (array facets match any value) and counts facets over the whole match set', async () => {
    const base = docs.filter((d) => text(d).includes('罚款'));
    const r = await search(t.db.kysely, t.db.dialect, { q: '罚款', kinds: ['law', 'regulation'], unitIds: [1, 2], facets: { column: '政策文件' }, facetFields: ['category', 'year', 'kind'] });
    const expected = base.filter((d) => ['law', 'regulation'].includes(d.kind) && [1, 2].includes(d.unitId!) && (d.facets!.column as string[]).includes('政策文件'));
    expect(r.total).toBe(expected.length);
    expect(r.total).toBeGreaterThan(0);
    const count = (f: (d: SearchDocument) => string) => {
      const m = new Map<string, number>();
      for (const d of expected) m.set(f(d), (m.get(f(d)) ?? 0) + 1);
      return Object.fromEntries(m);
    };
    expect(Object.fromEntries(r.facets.category!.map((x) => [x.value, x.count]))).toEqual(count((d) => d.facets!.category as string));
    expect(Object.fromEntries(r.facets.year!.map((x) => [x.value, x.count]))).toEqual(count((d) => d.facets!.year as string));
    expect(Object.fromEntries(r.facets.kind!.map((x) => [x.value, x.count]))).toEqual(count((d) => d.kind));
  });
});

describe('updates', () => {
  const doc = (key: string, body: string): SearchDocument => ({ key, kind: 'notice', unitId: 9, title: `测试通知${key}`, body, url: `/x/${key}`, publishedAt: '2025-06-01' });

  it('replaces a document by key, and remove / removeByPrefix take documents out at once', async () => {
    const { kysely, dialect } = t.db;
    await indexDocuments(kysely, dialect, [doc('item:1', '关于蓝莓种植补助的通知'), doc('item:1/att:1', '附件：蓝莓种植补助名单'), doc('item:12', '蓝莓种植补助第二批')]);
    const keys = async (q: string) => (await search(kysely, dialect, { q })).hits.map((h) => h.key).sort();
    expect(await keys('蓝莓')).toEqual(['item:1', 'item:1/att:1', 'item:12']);

    await indexDocuments(kysely, dialect, [doc('item:12', '草莓种植补助第二批')]);
    expect(await keys('蓝莓')).toEqual(['item:1', 'item:1/att:1']);
    expect(await keys('草莓')).toEqual(['item:12']);

    await removeByPrefix(kysely, dialect, 'item:1');
    expect(await keys('蓝莓')).toEqual([]);
    expect(await keys('草莓')).toEqual(['item:12']);
    await removeDocuments(kysely, dialect, ['item:12']);
    expect(await keys('草莓')).toEqual([]);
  });

  it('builds the snippet around a match deep inside a long body', async () => {
    const { kysely, dialect } = t.db;
    const body = `${'本条例自公布之日起施行。'.repeat(5000)}第九十九条 火龙果种植户可以申请补助。${'附则。'.repeat(100)}`;
    await indexDocuments(kysely, dialect, [doc('item:77', body)]);
    const hit = (await search(kysely, dialect, { q: '火龙果 补助' })).hits[0]!;
    expect(hit.key).toBe('item:77');
    expect(hit.snippet).toMatch(/^…/);
    expect(hit.snippet).toMatch(/…$/);
    expect(hit.snippet).toContain('<mark>火龙果</mark>种植户可以申请<mark>补助</mark>');
    await removeDocuments(kysely, dialect, ['item:77']);
  });

  it('indexes inside the caller transaction and rolls back with it', async () => {
    const { kysely, dialect } = t.db;
    await expect(
      kysely.transaction().execute(async (trx) => {
        await indexDocuments(trx, dialect, [doc('item:99', '猕猴桃产业扶持')]);
        expect((await search(trx, dialect, { q: '猕猴桃' })).total).toBe(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await search(kysely, dialect, { q: '猕猴桃' })).total).toBe(0);
  });
});
