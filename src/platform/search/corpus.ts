// Test and benchmark helper: the laws corpus as search documents. Read from the shared corpus
// folder (never copied into the repository).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { SearchDocument } from './index.js';

export const LAWS_CORPUS = process.env.GONGKAI_LAWS_CORPUS ?? path.resolve('/work/shared/corpus/laws.jsonl.gz');

interface Law {
  path: string;
  category: string;
  title: string;
  date: string | null;
  header: string;
  body: string;
}

let cache: Law[] | undefined;
function readLaws(): Law[] {
  cache ??= zlib
    .gunzipSync(fs.readFileSync(LAWS_CORPUS))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Law);
  return cache;
}

/** Law i as a search document: title from the header's first line (the full official name). */
export function lawDocument(law: Law, i: number): SearchDocument {
  const [first, ...rest] = law.header.split('\n');
  const title = (first ?? '').replace(/^#\s*/, '').trim() || law.title;
  const year = law.date?.slice(0, 4) ?? '未知';
  return {
    key: `law:${i}`,
    kind: law.category === '司法解释' ? 'interpretation' : law.category === '行政法规' || law.category === '部门规章' ? 'regulation' : 'law',
    unitId: (i % 4) + 1,
    title,
    body: `${rest.join('\n').trim()}\n\n${law.body}`,
    url: `/laws/${i}`,
    publishedAt: law.date ?? '2000-01-01',
    facets: { year, category: law.category, column: i % 3 === 0 ? ['法律法规', '政策文件'] : ['法律法规'] },
  };
}

/** Documents with the given corpus line numbers (all when omitted). */
export function loadLaws(select?: (law: Law, i: number) => boolean): SearchDocument[] {
  return readLaws().flatMap((law, i) => (!select || select(law, i) ? [lawDocument(law, i)] : []));
}
