// Tokenizer shared by the main thread and the segmentation workers (plain JS so that a
// worker_threads Worker can load it without a TypeScript loader). Types: tokenize.d.mts.
//
// Index tokens for Han text are (1) every character bigram, (2) the last character of each
// Han run, (3) every dictionary word of 3+ characters found anywhere in the run, including
// words nested in longer ones (行政处罚 inside 行政处罚法) — the words jieba's full mode
// (cutAll) finds, looked up directly in jieba's dictionary over the bigram windows (a prefix
// map stops the lookup as soon as no dictionary word can start there). Bigrams make any
// query of two or more characters findable exactly where the text contains it, whatever
// jieba's segmentation of the surrounding sentence; dictionary words make a word query one
// posting list and exact. Other letters/digits are lower-cased words.

const HAN = /\p{Script=Han}/u;
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const ALL_HAN = /^\p{Script=Han}+$/u;
const MAX_TOKEN = 32;

/** NFKC (full-width → ASCII) and lower case: the same on index and query side. */
export function normalizeText(text) {
  return text.normalize('NFKC').toLowerCase();
}

function chars(run) {
  // Han characters outside the BMP (Extension B…) are surrogate pairs.
  return run.length > 1 && /[\uD800-\uDBFF]/.test(run) ? Array.from(run) : run;
}

// A bit set over hashes of 3-character prefixes: most text positions start no dictionary word
// and are ruled out with arithmetic on character codes, without making or hashing a string.
const BLOOM_BITS = 1 << 23;
function hash1(a, b, c) {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 9;
}
function hash2(a, b, c) {
  return (Math.imul(a ^ 0x5bd1e995, 0x27d4eb2f) + Math.imul(b, 0x165667b1) + Math.imul(c ^ 0x2545f491, 0x9e3779b1)) >>> 9;
}

const built = new WeakMap();
/**
 * The dictionary words of 3..32 Han characters (frequency > 0) of a jieba dictionary file
 * ("word freq tag" lines), as a map from every prefix of 3+ characters of such a word to
 * whether the prefix is itself a word, and a bit set of their 3-character prefixes.
 * One per dictionary buffer (cached).
 */
export function buildDictionary(text) {
  const key = typeof text === 'string' ? undefined : text;
  if (key && built.has(key)) return built.get(key);
  // Built on first use (about 0.4 s): a migration that finds no documents never pays for it.
  let parsed;
  const dictionary = {
    get prefixes() {
      parsed ??= parseDictionary(text);
      return parsed.prefixes;
    },
    get bloom() {
      parsed ??= parseDictionary(text);
      return parsed.bloom;
    },
  };
  if (key) built.set(key, dictionary);
  return dictionary;
}

function parseDictionary(text) {
  const prefixes = new Map();
  const bloom = new Uint8Array(BLOOM_BITS / 8);
  const mark = (h) => (bloom[h >>> 3] |= 1 << (h & 7));
  for (const line of (typeof text === 'string' ? text : new TextDecoder().decode(text)).split('\n')) {
    const parts = line.trim().split(/\s+/);
    const w = parts[0];
    if (!w || !(Number(parts[1] ?? 1) > 0) || !ALL_HAN.test(w)) continue;
    const c = Array.from(w);
    if (c.length < 3 || c.length > MAX_TOKEN) continue;
    if (c.length === w.length) {
      const [a, b, d] = [w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2)];
      mark(hash1(a, b, d));
      mark(hash2(a, b, d));
    }
    let p = c[0] + c[1];
    for (let i = 2; i < c.length; i++) {
      p += c[i];
      if (!prefixes.get(p)) prefixes.set(p, i === c.length - 1);
    }
  }
  return { prefixes, bloom };
}

/** Whether w (Han text of 3..32 characters) is a dictionary word. */
export function isDictionaryWord(dictionary, w) {
  return dictionary.prefixes.get(w) === true;
}

/** Calls add(w) for every dictionary word starting at c[i] (c: the run, n its length). */
function wordsAt(prefixes, c, i, n, add) {
  let w = typeof c === 'string' ? c.slice(i, i + 2) : c[i] + c[i + 1];
  for (let j = i + 2; j < n && j - i < MAX_TOKEN; j++) {
    w += c[j];
    const isWord = prefixes.get(w);
    if (isWord === undefined) return;
    if (isWord) add(w);
  }
}

/** Calls add(token) for every index token of the text (a token may come several times). */
function eachToken(dictionary, text, add) {
  const t = normalizeText(text);
  const { prefixes, bloom } = dictionary;
  for (const m of t.matchAll(RUNS)) {
    if (m[1] !== undefined) {
      const c = chars(m[1]);
      const n = c.length;
      if (typeof c === 'string') {
        for (let i = 0; i + 1 < n; i++) {
          add(c.slice(i, i + 2));
          if (i + 2 < n) {
            const a = c.charCodeAt(i);
            const b = c.charCodeAt(i + 1);
            const d = c.charCodeAt(i + 2);
            const h1 = hash1(a, b, d);
            const h2 = hash2(a, b, d);
            if (bloom[h1 >>> 3] & (1 << (h1 & 7)) && bloom[h2 >>> 3] & (1 << (h2 & 7))) wordsAt(prefixes, c, i, n, add);
          }
        }
      } else {
        for (let i = 0; i + 1 < n; i++) {
          add(c[i] + c[i + 1]);
          if (i + 2 < n) wordsAt(prefixes, c, i, n, add);
        }
      }
      add(c[n - 1]);
    } else {
      const w = m[2];
      add(w.length > MAX_TOKEN ? w.slice(0, MAX_TOKEN) : w);
    }
  }
}

/**
 * Tokens of one text (order does not matter for matching: no phrase queries are used, so
 * that PostgreSQL's 16383-position limit cannot change results). Returns the tokens array.
 */
export function indexTokens(dictionary, text) {
  const out = [];
  eachToken(dictionary, text, (tok) => out.push(tok));
  return out;
}

function countTokens(dictionary, text) {
  const counts = new Map();
  eachToken(dictionary, text, (tok) => counts.set(tok, (counts.get(tok) ?? 0) + 1));
  return counts;
}

/**
 * Tokens that occur often enough in a body to say the document is about them, in two levels:
 * `tok` when it occurs at least m = max(3, length / 1500) times, and the doubled `toktok`
 * when at least 4m times. Ranking reads these levels from the index (focus column) instead
 * of counting words in document bodies.
 */
export function focusTokens(counts, textLength) {
  const min = Math.max(3, Math.ceil(textLength / 1500));
  const out = [];
  for (const [tok, n] of counts) {
    if (n >= min) out.push(tok);
    if (n >= 4 * min) out.push(tok + tok);
  }
  return out;
}

/**
 * Index form of one document: space-joined distinct title tokens, distinct body tokens and
 * focus tokens. Each token is stored once per document: matching needs no positions or
 * counts (frequency is in the focus column), and this halves what the text index stores.
 * The layout of migration 0010 (which re-fills its index with it); new rows use indexDocument.
 */
export function segmentDocument(dictionary, title, body) {
  const counts = countTokens(dictionary, body);
  const titleTokens = new Set();
  eachToken(dictionary, title, (tok) => titleTokens.add(tok));
  return {
    title: [...titleTokens].join(' '),
    body: [...counts.keys()].join(' '),
    focus: focusTokens(counts, body.length).join(' '),
  };
}

/**
 * Index form of one document as the text index has stored it since migration 0011: distinct
 * title tokens (`title`), distinct tokens of title and body together (`text`: what "the
 * document contains the word" is matched on), focus tokens, and the title tokens that the
 * body lacks (`titleOnly`: a snippet need not look for such a word in the body) — built here,
 * in the worker threads, so that the writing thread only hands finished strings to the database.
 */
export function indexDocument(dictionary, title, body) {
  const counts = countTokens(dictionary, body);
  const titleTokens = new Set();
  eachToken(dictionary, title, (tok) => titleTokens.add(tok));
  const titleOnly = [...titleTokens].filter((tok) => !counts.has(tok));
  const bodyText = [...counts.keys()].join(' ');
  const titleOnlyText = titleOnly.join(' ');
  return {
    title: [...titleTokens].join(' '),
    text: bodyText && titleOnlyText ? `${bodyText} ${titleOnlyText}` : bodyText || titleOnlyText,
    focus: focusTokens(counts, body.length).join(' '),
    titleOnly: titleOnlyText,
  };
}

/** Space-separated tokens as a PostgreSQL tsvector literal ('tok' 'tok2'): no positions, no parser. */
export function tsvectorLiteral(tokens) {
  // Index tokens are letters and digits only: quote them all at once (the loop below was a
  // tenth of a PostgreSQL import's time); other text still gets escaped token by token.
  if (!/['\\]|^ | $|  /.test(tokens)) return tokens ? `'${tokens.replaceAll(' ', "' '")}'` : '';
  let out = '';
  for (const t of tokens.split(' ')) if (t) out += `${out ? ' ' : ''}'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  return out;
}

export function isHan(ch) {
  return HAN.test(ch);
}

export function isAllHan(w) {
  return ALL_HAN.test(w);
}

export { RUNS as TOKEN_RUNS };
