// Tokenizer shared by the main thread and the segmentation workers (plain JS so that a
// worker_threads Worker can load it without a TypeScript loader). Types: tokenize.d.mts.
//
// Index tokens for Han text are (1) every character bigram, (2) the last character of each
// Han run, (3) every dictionary word of 3+ characters that jieba's full mode (cutAll) finds,
// including words nested in longer ones (行政处罚 inside 行政处罚法). Bigrams make any
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

/**
 * Tokens of one text, in text order per kind (order does not matter for matching: no phrase
 * queries are used, so that PostgreSQL's 16383-position limit cannot change results).
 * Returns the tokens array.
 */
export function indexTokens(jieba, text) {
  const t = normalizeText(text);
  const out = [];
  let hasHan = false;
  for (const m of t.matchAll(RUNS)) {
    if (m[1] !== undefined) {
      hasHan = true;
      const c = chars(m[1]);
      const n = c.length;
      for (let i = 0; i + 1 < n; i++) out.push(c[i] + c[i + 1]);
      out.push(c[n - 1]);
    } else {
      const w = m[2];
      out.push(w.length > MAX_TOKEN ? w.slice(0, MAX_TOKEN) : w);
    }
  }
  if (hasHan) {
    for (const w of jieba.cutAll(t)) {
      if (w.length >= 3 && w.length <= MAX_TOKEN && ALL_HAN.test(w)) out.push(w);
    }
  }
  return out;
}

function countTokens(tokens) {
  const counts = new Map();
  for (const tok of tokens) counts.set(tok, (counts.get(tok) ?? 0) + 1);
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
 */
export function segmentDocument(jieba, title, body) {
  const counts = countTokens(indexTokens(jieba, body));
  return {
    title: [...new Set(indexTokens(jieba, title))].join(' '),
    body: [...counts.keys()].join(' '),
    focus: focusTokens(counts, body.length).join(' '),
  };
}

export function isHan(ch) {
  return HAN.test(ch);
}

export function isAllHan(w) {
  return ALL_HAN.test(w);
}

export { RUNS as TOKEN_RUNS };
