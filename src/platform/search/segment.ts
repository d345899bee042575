import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { TOKEN_RUNS, buildDictionary, indexTokens, isAllHan, isDictionaryWord, normalizeText, indexDocument, type Dictionary, type IndexedDocument } from './tokenize.mjs';

let jieba: Jieba | undefined;
/** The one jieba instance of the main thread (loading the dictionary takes ~0.5 s). */
export function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

let dictionary: Dictionary | undefined;
/** jieba's dictionary words of 3+ characters, for index tokens (see tokenize.mjs). */
export function getDictionary(): Dictionary {
  dictionary ??= buildDictionary(dict);
  return dictionary;
}

/** Space-joined index tokens of a text: what the full-text index stores for it (each distinct token once). */
export function segmentForIndex(text: string): string {
  return [...new Set(indexTokens(getDictionary(), text))].join(' ');
}

export type { IndexedDocument };

// ---------------------------------------------------------------- query side

/** One query word: a document matches it when it matches every token (AND). */
export interface QueryTerm {
  /** normalized surface text, used for counting, title tiers and highlighting */
  text: string;
  tokens: Array<{ token: string; prefix: boolean }>;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** the query's letters and digits run together: for exact title / phrase comparison */
  phrase: string;
}

// Function words that carry no meaning as a query word of their own.
const STOP = new Set('的了和与及或在是等之把被对从向为就也都而其'.split(''));
const MAX_TERMS = 10;
const PHRASES = /"([^"]*)"|“([^”]*)”|《([^》]*)》|「([^」]*)」|『([^』]*)』/g;

/** The same dictionary words as the index (tokenize.mjs): a 3+ character word is then one token. */
function isDictWord(w: string): boolean {
  return isDictionaryWord(getDictionary(), w);
}

/** The index tokens that a document must all contain to contain `text`. */
function termTokens(text: string): QueryTerm['tokens'] {
  const out: QueryTerm['tokens'] = [];
  const seen = new Set<string>();
  const add = (token: string, prefix: boolean) => {
    const k = `${prefix ? '*' : ''}${token}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ token, prefix });
    }
  };
  for (const m of text.matchAll(TOKEN_RUNS)) {
    if (m[1] !== undefined) {
      const c = Array.from(m[1]);
      if (c.length === 1) add(c[0]!, true);
      else if (c.length === 2 || (c.length <= 32 && isDictWord(m[1]))) add(m[1], false);
      else for (let i = 0; i + 1 < c.length; i++) add(c[i]! + c[i + 1]!, false);
    } else {
      add(m[2]!.slice(0, 32), false);
    }
  }
  return out;
}

function onlyWordChars(s: string): string {
  return Array.from(s.matchAll(TOKEN_RUNS), (m) => m[0]).join('');
}

/**
 * Query → words. Quoted text (“…”, "…", 《…》) is one word; the rest is split by spaces and
 * punctuation and segmented with jieba (HMM on, so that unknown names stay one word).
 * Single-character function words are dropped; another single character is joined to the
 * word before it (中国人民银行法 stays one word rather than 中国人民银行 + 法).
 */
export function parseQuery(q: string): ParsedQuery {
  const norm = normalizeText(q);
  const texts: string[] = [];
  const rest = norm.replace(PHRASES, (...g: unknown[]) => {
    const inner = (g.slice(1, 6).find((x) => typeof x === 'string') as string | undefined) ?? '';
    const t = inner.trim().replace(/\s+/g, ' ');
    if (onlyWordChars(t)) texts.push(t);
    return ' ';
  });
  for (const m of rest.matchAll(TOKEN_RUNS)) {
    if (m[2] !== undefined) {
      texts.push(m[2]);
      continue;
    }
    const words: string[] = [];
    let pending = '';
    for (const w of getJieba().cut(m[1]!, true)) {
      if (Array.from(w).length === 1) {
        if (STOP.has(w) && m[1]!.length > 1) continue;
        if (words.length) words[words.length - 1] += w;
        else pending += w;
      } else {
        words.push(pending + w);
        pending = '';
      }
    }
    if (pending) words.push(pending);
    texts.push(...words);
  }
  const terms: QueryTerm[] = [];
  for (const text of texts) {
    if (terms.length >= MAX_TERMS) break;
    if (terms.some((t) => t.text === text)) continue;
    const tokens = termTokens(text);
    if (tokens.length) terms.push({ text, tokens });
  }
  return { terms, phrase: onlyWordChars(norm) };
}

/** The words of a query as search uses them (all must match). */
export function segmentQuery(q: string): string[] {
  return parseQuery(q).terms.map((t) => t.text);
}

export { isAllHan, onlyWordChars };

// ---------------------------------------------------------------- worker pool (bulk import)

interface Job {
  resolve(v: IndexedDocument[]): void;
  reject(e: Error): void;
}
interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

let pool: PoolWorker[] | undefined;
let nextJobId = 1;

function workerCount(): number {
  const env = process.env.GONGKAI_SEARCH_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Number(env);
  return Math.min(2, os.availableParallelism());
}

function getPool(): PoolWorker[] {
  if (pool) return pool;
  pool = [];
  for (let i = 0; i < workerCount(); i++) {
    const worker = new Worker(new URL('./segment-worker.mjs', import.meta.url));
    const pw: PoolWorker = { worker, jobs: new Map() };
    worker.on('message', (msg: { id: number; out?: IndexedDocument[]; error?: string }) => {
      const job = pw.jobs.get(msg.id);
      if (!job) return;
      pw.jobs.delete(msg.id);
      if (msg.error !== undefined) job.reject(new Error(`segmentation worker: ${msg.error}`));
      else job.resolve(msg.out!);
      if (pw.jobs.size === 0) worker.unref();
    });
    worker.on('error', (err) => {
      for (const job of pw.jobs.values()) job.reject(err);
      pw.jobs.clear();
      pool = undefined; // rebuilt on next use
    });
    worker.unref();
    pool.push(pw);
  }
  return pool;
}

/** Stops the segmentation workers (tests, benchmarks, shutdown). They are recreated on demand. */
export async function closeSegmentWorkers(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await Promise.all(p.map((w) => w.worker.terminate()));
}

function runInWorker(docs: Array<{ title: string; body: string }>): Promise<IndexedDocument[]> {
  const workers = getPool();
  const pw = workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  const id = nextJobId++;
  return new Promise((resolve, reject) => {
    pw.jobs.set(id, { resolve, reject });
    pw.worker.ref();
    pw.worker.postMessage({ id, docs: docs.map((d) => ({ title: d.title, body: d.body })) });
  });
}

/** Below this many characters a batch is segmented on the calling thread (no hand-off cost). */
const WORKER_MIN_CHARS = 200_000;
const CHUNK_CHARS = 400_000;
const FIRST_CHUNK_CHARS = 25_000;

/**
 * Segments documents, in chunks whose results arrive in order: the caller writes chunk i
 * while the workers segment the following ones. Small batches (one published item) stay
 * on the calling thread.
 */
export interface SegmentChunk<T> {
  docs: T[];
  /** the chunk's segmentation (started already when it runs in a worker) */
  segmented(): Promise<IndexedDocument[]>;
}

export function segmentInChunks<T extends { title: string; body: string }>(docs: T[]): Array<SegmentChunk<T>> {
  const total = docs.reduce((a, d) => a + d.title.length + d.body.length, 0);
  if (total < WORKER_MIN_CHARS || workerCount() === 0) {
    const dict = getDictionary();
    return [{ docs, segmented: async () => docs.map((d) => indexDocument(dict, d.title, d.body)) }];
  }
  const chunks: Array<SegmentChunk<T>> = [];
  let cur: T[] = [];
  let size = 0;
  const flush = () => {
    if (!cur.length) return;
    const p = runInWorker(cur);
    p.catch(() => {}); // awaited (and reported) by the caller, in order
    chunks.push({ docs: cur, segmented: () => p });
    cur = [];
    size = 0;
  };
  // Small first chunks, so that the calling thread starts writing soon; then larger ones.
  let limit = FIRST_CHUNK_CHARS;
  for (const d of docs) {
    cur.push(d);
    size += d.title.length + d.body.length;
    if (size >= limit || cur.length >= 200) {
      flush();
      limit = Math.min(CHUNK_CHARS, limit * 2);
    }
  }
  flush();
  return chunks;
}
