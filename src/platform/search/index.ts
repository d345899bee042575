/**
 * Chinese full-text search (kernel service). Public interface — see README.md.
 * The publishing pipeline indexes every published item and its attachments' text; the portal
 * and GET /api/v1/search query it.
 */
import { registerJob } from '../jobs.js';
import { optimizeSearchIndex } from './maintain.js';

export interface SearchDocument {
  /** unique, e.g. 'item:123' or 'item:123/att:4' (removeByPrefix('item:123') removes both) */
  key: string;
  /** content kind: 'policy' | 'interpretation' | 'notice' | … (free text) */
  kind: string;
  /** publishing unit (facet) */
  unitId: number | null;
  title: string;
  /** plain text (HTML already stripped by the caller) */
  body: string;
  /** portal URL */
  url: string;
  /** ISO date or timestamp */
  publishedAt: string;
  /** e.g. { year: '2025', topic: '综合政务\\其他', validity: '有效', column: ['政策文件','就业'] } */
  facets?: Record<string, string | string[]>;
}

export interface SearchQuery {
  q: string;
  kinds?: string[];
  unitIds?: number[];
  /** exact value; an array facet matches when any of its values is this one */
  facets?: Record<string, string>;
  page?: number;
  pageSize?: number;
  /** facet names to count over the whole match set; 'kind' and 'unitId' are accepted too */
  facetFields?: string[];
}

export interface SearchHit {
  key: string;
  kind: string;
  unitId: number | null;
  title: string;
  url: string;
  publishedAt: string;
  score: number;
  /** HTML-escaped text with <mark>…</mark> around hits */
  snippet: string;
  /** HTML-escaped title with <mark>…</mark> around hits */
  titleHtml: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Record<string, Array<{ value: string; count: number }>>;
  tookMs: number;
}

export { indexDocuments, removeDocuments, removeByPrefix } from './store.js';
export { search } from './search.js';
export { optimizeSearchIndex };
export { segmentForIndex, segmentQuery, closeSegmentWorkers } from './segment.js';
export type { SearchDb } from './tables.js';

// Nightly: merge the day's small index segments (maintain.ts).
registerJob({ name: 'search-optimize', schedule: '47 3 * * *', run: async (db) => optimizeSearchIndex(db.kysely, db.dialect) });
