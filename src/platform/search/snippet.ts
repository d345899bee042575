/** Snippets and highlights, built in JS for the one page of results only. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const HAS_SPECIAL = /[&<>"']/;
// The tests before replacing: most text needs neither, and a search builds ten snippets (less
// garbage per search is fewer collection pauses in the middle of searches).
export function escapeHtml(s: string): string {
  return HAS_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c]!) : s;
}

// Same length as the input: ASCII case folding only, so offsets stay valid.
const HAS_UPPER = /[A-Z]/;
const foldAscii = (s: string) => (HAS_UPPER.test(s) ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);

/** [start, end) ranges of the needles in text, merged, in order. */
function findRanges(text: string, needles: string[], limit = 2000): Array<[number, number]> {
  const hay = foldAscii(text);
  const ranges: Array<[number, number]> = [];
  for (const n of needles) {
    if (!n) continue;
    for (let i = hay.indexOf(n); i !== -1 && ranges.length < limit; i = hay.indexOf(n, i + n.length)) ranges.push([i, i + n.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function markRanges(text: string, ranges: Array<[number, number]>, offset = 0): string {
  let out = '';
  let pos = 0;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0 - offset, 0);
    const e = Math.min(e0 - offset, text.length);
    if (e <= s || s < pos) continue;
    out += escapeHtml(text.slice(pos, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    pos = e;
  }
  return out + escapeHtml(text.slice(pos));
}

/** The whole text, HTML-escaped, with <mark> around the needles. */
export function highlight(text: string, needles: string[]): string {
  return markRanges(text, findRanges(text, needles));
}

/** Sorts (at, end, needle) triples by at, then longer first; insertion sort: a snippet has few. */
function sortTriples(a: number[]): void {
  for (let i = 3; i < a.length; i += 3) {
    const at = a[i]!;
    const end = a[i + 1]!;
    const k = a[i + 2]!;
    let j = i - 3;
    while (j >= 0 && (a[j]! > at || (a[j] === at && a[j + 1]! < end))) {
      a[j + 3] = a[j]!;
      a[j + 4] = a[j + 1]!;
      a[j + 5] = a[j + 2]!;
      j -= 3;
    }
    a[j + 3] = at;
    a[j + 4] = end;
    a[j + 5] = k;
  }
}

/**
 * A window of about `width` characters around the densest cluster of matches (most distinct
 * needles, then most matches), HTML-escaped, whitespace collapsed, <mark> around matches.
 * `excerpt` is a part of the body: its text, where it starts in the body, the body's length.
 */
export function makeSnippet(excerpt: { text: string; start: number; total: number }, needles: string[], width = 120): string {
  const body = excerpt.text;
  const hay = foldAscii(body);
  // Every occurrence of every needle (each needle's occurrences do not overlap one another),
  // found once: for choosing the window and for marking the matches inside it. As (at, end,
  // needle) triples in one array, ordered by at, longer first.
  const occ: number[] = [];
  needles.forEach((n, k) => {
    if (!n) return;
    for (let i = hay.indexOf(n); i !== -1 && occ.length < 6000; i = hay.indexOf(n, i + n.length)) occ.push(i, i + n.length, k);
  });
  sortTriples(occ);
  const count = occ.length / 3;
  let start = 0;
  if (count) {
    let bestDistinct = -1;
    let bestCount = -1;
    let bestAt = 0;
    let j = 0;
    let distinct = 0;
    const inWindow = new Int32Array(needles.length);
    for (let i = 0; i < count; i++) {
      // window [at of occurrence i, + width)
      const from = occ[3 * i]!;
      while (j < count && occ[3 * j]! < from + width) {
        if (inWindow[occ[3 * j + 2]!]!++ === 0) distinct++;
        j++;
      }
      if (distinct > bestDistinct || (distinct === bestDistinct && j - i > bestCount)) {
        bestDistinct = distinct;
        bestCount = j - i;
        bestAt = from;
      }
      if (--inWindow[occ[3 * i + 2]!]! === 0) distinct--;
    }
    start = Math.max(0, bestAt - Math.floor(width / 6));
    // Start at a sentence or line boundary when one is close before.
    const back = body.slice(Math.max(0, start - 30), start);
    const cut = Math.max(back.lastIndexOf('。'), back.lastIndexOf('\n'), back.lastIndexOf('；'));
    if (cut !== -1) start = start - back.length + cut + 1;
  }
  const end = Math.min(body.length, start + width);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const at = occ[3 * i]!;
    const oEnd = occ[3 * i + 1]!;
    if (oEnd <= start || at >= end) continue;
    const last = ranges[ranges.length - 1];
    if (last && at <= last[1]) last[1] = Math.max(last[1], oEnd);
    else ranges.push([at, oEnd]);
  }
  const html = markRanges(body.slice(start, end), ranges, start)
    .replace(/\s+/g, ' ')
    .trim();
  const atStart = excerpt.start + start === 0;
  const atEnd = excerpt.start + end >= excerpt.total;
  return (atStart ? '' : '…') + html + (atEnd ? '' : '…');
}
