/** Snippets and highlights, built in JS for the one page of results only. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

// Same length as the input: ASCII case folding only, so offsets stay valid.
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

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

/**
 * A window of about `width` characters around the densest cluster of matches (most distinct
 * needles, then most matches), HTML-escaped, whitespace collapsed, <mark> around matches.
 * `excerpt` is a part of the body: its text, where it starts in the body, the body's length.
 */
export function makeSnippet(excerpt: { text: string; start: number; total: number }, needles: string[], width = 120): string {
  const body = excerpt.text;
  const hay = foldAscii(body);
  // Every occurrence of every needle (each needle's occurrences do not overlap one another),
  // found once: for choosing the window and for marking the matches inside it.
  const occ: Array<{ at: number; end: number; needle: number }> = [];
  needles.forEach((n, k) => {
    if (!n) return;
    for (let i = hay.indexOf(n); i !== -1 && occ.length < 2000; i = hay.indexOf(n, i + n.length)) occ.push({ at: i, end: i + n.length, needle: k });
  });
  occ.sort((a, b) => a.at - b.at || b.end - a.end);
  let start = 0;
  if (occ.length) {
    let best = { distinct: -1, count: -1, at: 0 };
    let j = 0;
    const inWindow = new Map<number, number>();
    for (let i = 0; i < occ.length; i++) {
      // window [occ[i].at, occ[i].at + width)
      while (j < occ.length && occ[j]!.at < occ[i]!.at + width) {
        inWindow.set(occ[j]!.needle, (inWindow.get(occ[j]!.needle) ?? 0) + 1);
        j++;
      }
      const distinct = inWindow.size;
      const count = j - i;
      if (distinct > best.distinct || (distinct === best.distinct && count > best.count)) best = { distinct, count, at: occ[i]!.at };
      const k = occ[i]!.needle;
      const left = inWindow.get(k)! - 1;
      if (left) inWindow.set(k, left);
      else inWindow.delete(k);
    }
    start = Math.max(0, best.at - Math.floor(width / 6));
    // Start at a sentence or line boundary when one is close before.
    const back = body.slice(Math.max(0, start - 30), start);
    const cut = Math.max(back.lastIndexOf('。'), back.lastIndexOf('\n'), back.lastIndexOf('；'));
    if (cut !== -1) start = start - back.length + cut + 1;
  }
  const end = Math.min(body.length, start + width);
  const ranges: Array<[number, number]> = [];
  for (const o of occ) {
    if (o.end <= start || o.at >= end) continue;
    const last = ranges[ranges.length - 1];
    if (last && o.at <= last[1]) last[1] = Math.max(last[1], o.end);
    else ranges.push([o.at, o.end]);
  }
  const html = markRanges(body.slice(start, end), ranges, start)
    .replace(/\s+/g, ' ')
    .trim();
  const atStart = excerpt.start + start === 0;
  const atEnd = excerpt.start + end >= excerpt.total;
  return (atStart ? '' : '…') + html + (atEnd ? '' : '…');
}
