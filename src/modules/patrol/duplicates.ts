/**
 * Near-duplicate detection with MinHash over character 4-grams and banded LSH: candidates
 * share a band; their Jaccard similarity is then estimated from the full signature.
 * Linear in the number of items, so the nightly patrol stays fast on tens of thousands.
 */
const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SHINGLE = 4;

function hash32(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function signature(text: string): Uint32Array | null {
  const t = text.replace(/\s+/g, '');
  if (t.length < 30) return null; // too short to call duplicates
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const seen = new Set<string>();
  for (let i = 0; i + SHINGLE <= t.length; i++) {
    const g = t.slice(i, i + SHINGLE);
    if (seen.has(g)) continue;
    seen.add(g);
    const base = hash32(g, 0);
    for (let k = 0; k < HASHES; k++) {
      const v = (Math.imul(base ^ (k * 0x9e3779b1), 0x85ebca6b) ^ (k + 1)) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function nearDuplicatePairs(items: Array<{ id: number; text: string }>, threshold: number): Array<{ a: number; b: number; similarity: number }> {
  const sigs = new Map<number, Uint32Array>();
  for (const i of items) {
    const s = signature(i.text);
    if (s) sigs.set(i.id, s);
  }
  const candidates = new Set<string>();
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (const [id, s] of sigs) {
      const key = Array.from(s.subarray(band * ROWS, band * ROWS + ROWS)).join(',');
      const list = buckets.get(key) ?? [];
      list.push(id);
      buckets.set(key, list);
    }
    for (const list of buckets.values()) {
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) candidates.add(`${Math.min(list[i]!, list[j]!)}:${Math.max(list[i]!, list[j]!)}`);
    }
  }
  const out: Array<{ a: number; b: number; similarity: number }> = [];
  for (const c of candidates) {
    const [a, b] = c.split(':').map(Number) as [number, number];
    const sa = sigs.get(a)!;
    const sb = sigs.get(b)!;
    let same = 0;
    for (let k = 0; k < HASHES; k++) if (sa[k] === sb[k]) same++;
    const similarity = same / HASHES;
    if (similarity >= threshold) out.push({ a, b, similarity });
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}
