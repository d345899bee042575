import { isValidResidentId, residentIdCheckChar } from '../../platform/checks.js';
import { findPersonalData } from './detect.js';

/**
 * Aggregation risk (关联汇聚): the same person's ID number masked differently in two published
 * items, so that putting them together reveals more than either — e.g. 3406021990****1234 in
 * one and 340602********1234 with the birth date 1990-01-01 in another, or 34060219900101****
 * and 340602********1234, which together give all 18 characters.
 *
 * Pure: give it items (id + text), get the pairs back. The patrol calls it over published items.
 *
 * A sighting is a masked ID as written, completed by a birth date found on the same line (or
 * anywhere in the item when the item holds a single masked ID). Two sightings from different
 * items are linked when every position both show agrees and either they share at least
 * LINK_MIN_SHARED shown positions, or their union is a complete, valid ID number (a chance
 * match of region, date and check character is very unlikely).
 */
export interface AggregationItem {
  id: string;
  text: string;
}

export interface IdSighting {
  itemId: string;
  /** offset of the masked ID in the item's text */
  offset: number;
  /** as written */
  shown: string;
  /** 18 characters, '*' where unknown, after adding a birth date found beside it */
  known: string;
  birthDate: string | null;
}

export type IdField = 'region' | 'birth_date' | 'sequence' | 'check';
export type Revealed = IdField | 'full_number';
const FIELDS: Array<[IdField, number, number]> = [['region', 0, 6], ['birth_date', 6, 14], ['sequence', 14, 17], ['check', 17, 18]];

export interface AggregationPair {
  a: IdSighting;
  b: IdSighting;
  /** what the two together show, '*' where still unknown */
  combined: string;
  /** fields fully shown by the pair (with the birth dates beside the masks) but by neither mask as written */
  revealed: Revealed[];
  /** how many characters the pair shows (of 18) */
  shownCount: number;
  /** all 18 characters known, or computable from the check character */
  fullNumber: boolean;
  /** shown positions the two agree on (the strength of the link) */
  shared: number;
}

export const LINK_MIN_SHARED = 10;
const HIDDEN = '*';
const isHidden = (c: string) => c === '*' || c === '＊';

const DATE_8 = /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/g;
const DATE_SEP = /(?<!\d)((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?(?!\d)/g;

function datesIn(text: string): string[] {
  const out = new Set<string>();
  for (const re of [DATE_8, DATE_SEP]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const d = `${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`;
      if (Number(d.slice(4, 6)) <= 12 && Number(d.slice(6)) <= 31) out.add(d);
    }
  }
  return [...out];
}

/** Add a birth date to a mask when it fits the shown digits; null when it does not. */
function withBirthDate(mask: string, date: string): string | null {
  const chars = [...mask];
  for (let i = 0; i < 8; i++) {
    const c = chars[6 + i]!;
    if (!isHidden(c) && c !== date[i]) return null;
    chars[6 + i] = date[i]!;
  }
  return chars.join('');
}

function normaliseMask(s: string): string {
  return [...s.toUpperCase()].map((c) => (isHidden(c) ? HIDDEN : c)).join('');
}

/** Masked IDs in one item, with the birth dates that complete them. */
export function idSightings(item: AggregationItem): IdSighting[] {
  const lines = item.text.split('\n');
  const masked: Array<{ offset: number; shown: string; line: string }> = [];
  let base = 0;
  for (const line of lines) {
    for (const f of findPersonalData(line)) if (f.kind === 'resident_id_masked') masked.push({ offset: base + f.offset, shown: f.preview, line });
    base += line.length + 1;
  }
  const itemDates = masked.length === 1 ? datesIn(item.text) : [];
  return masked.map((m) => {
    const shown = normaliseMask(m.shown);
    const dates = datesIn(m.line);
    const candidates = (dates.length ? dates : itemDates).map((d) => ({ d, k: withBirthDate(shown, d) })).filter((x) => x.k !== null);
    // Only an unambiguous date completes the mask.
    const one = candidates.length === 1 ? candidates[0]! : undefined;
    return { itemId: item.id, offset: m.offset, shown: m.shown, known: one ? one.k! : shown, birthDate: one ? one.d : null };
  });
}

/** With one unknown character left, the check character (GB 11643) determines it. */
function solveOneHidden(s: string): string | null {
  const hidden = [...s].flatMap((c, i) => (c === HIDDEN ? [i] : []));
  if (hidden.length !== 1) return null;
  const pos = hidden[0]!;
  const options = pos === 17 ? [residentIdCheckChar(s.slice(0, 17))] : ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const fits = options.map((d) => s.slice(0, pos) + d + s.slice(pos + 1)).filter((full) => isValidResidentId(full));
  return fits.length === 1 ? fits[0]! : null;
}

const fieldShown = (s: string, [, from, to]: [IdField, number, number]) => ![...s.slice(from, to)].some((c) => c === HIDDEN);

/** Combine two sightings; null when they cannot be the same person or are not linked. */
export function combineSightings(a: IdSighting, b: IdSighting): AggregationPair | null {
  let shared = 0;
  let combined = '';
  for (let i = 0; i < 18; i++) {
    const x = a.known[i]!;
    const y = b.known[i]!;
    if (x !== HIDDEN && y !== HIDDEN) {
      if (x !== y) return null;
      shared++;
    }
    combined += x !== HIDDEN ? x : y;
  }
  const solved = combined.includes(HIDDEN) ? solveOneHidden(combined) : combined;
  const complete = solved !== null && isValidResidentId(solved);
  if (shared < LINK_MIN_SHARED && !complete) return null;
  // Compared with the masks as written: a birth date beside a mask is part of what the pair gives away.
  const [aShown, bShown] = [normaliseMask(a.shown), normaliseMask(b.shown)];
  const count = (x: string) => [...x].filter((c) => c !== HIDDEN).length;
  const shownCount = count(combined);
  if (shownCount <= Math.max(count(aShown), count(bShown))) return null; // together they show nothing new
  const revealed: Revealed[] = FIELDS.filter((f) => fieldShown(combined, f) && !fieldShown(aShown, f) && !fieldShown(bShown, f)).map((f) => f[0]);
  if (complete) revealed.push('full_number');
  return { a, b, combined, revealed, shownCount, fullNumber: complete, shared };
}

/** Pairs of items whose masked IDs combine into more of the same number. */
export function findAggregationRisks(items: AggregationItem[]): AggregationPair[] {
  const sightings = items.flatMap(idSightings);
  // Only sightings that agree on the first shown digit can match; bucket on it.
  const buckets = new Map<string, IdSighting[]>();
  for (const s of sightings) buckets.set(s.known[0]!, [...(buckets.get(s.known[0]!) ?? []), s]);
  const out: AggregationPair[] = [];
  for (const group of buckets.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (group[i]!.itemId === group[j]!.itemId) continue;
        const pair = combineSightings(group[i]!, group[j]!);
        if (pair) out.push(pair);
      }
    }
  }
  return out.sort((x, y) => Number(y.fullNumber) - Number(x.fullNumber) || y.shownCount - x.shownCount);
}
