import { isValidResidentId } from '../../platform/checks.js';

/**
 * Personal-data detectors over plain text (个人信息检测): resident ID numbers (GB 11643, valid
 * birth date AND check character), masked ID numbers, mainland mobile numbers and bank card
 * numbers (Luhn). Pure functions; ../../../../shared/domain/checks.md has the rules.
 *
 * One combined RegExp finds candidate digit runs (digit look-arounds, never `\b`, which does not
 * fire between a Chinese character and a digit); each candidate is then classified and validated.
 */
export type FindingKind = 'resident_id' | 'resident_id_masked' | 'mobile' | 'bank_card';
export const FINDING_KINDS: readonly FindingKind[] = ['resident_id', 'resident_id_masked', 'mobile', 'bank_card'];

export interface TextFinding {
  kind: FindingKind;
  /** UTF-16 offset in the text given */
  offset: number;
  length: number;
  /** masked, safe to show (a masked ID is shown as written) */
  preview: string;
}

/**
 * Candidates: (1) a run of digits / mask characters 11–19 long that starts with a digit and
 * ends with a digit, X or a mask; (2) a card number written in groups of four.
 * Masks are `*` or the full-width `＊`.
 */
export const CANDIDATE_SOURCE =
  '(?<![0-9*＊])(?:[0-9][0-9*＊]{9,17}[0-9Xx*＊]|[0-9]{4}(?:[ -][0-9]{4}){2,3}[ -][0-9]{1,7})(?![0-9*＊])';

const CANDIDATES = new RegExp(CANDIDATE_SOURCE, 'g');
const MOBILE = /^1(?:3\d|4[579]|5[0-35-9]|6[2567]|7[0-35-8]|8\d|9[0-35-9])\d{8}$/;
/** 18 characters starting with a digit, at least 4 masked and at least 4 shown (前6后4, 前10后4, 前14, 前3后4 …). */
const MASKED_ID = /^[0-9][0-9*＊]{16}[0-9Xx*＊]$/;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Looks like an ID number (18 characters with a plausible birth date) whatever its check character. */
function idShaped(s: string): boolean {
  if (s.length !== 18) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function countMasks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === '*' || s[i] === '＊') n++;
  return n;
}

export const maskId = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
export const maskMobile = (m: string) => `${m.slice(0, 3)}****${m.slice(7)}`;
export const maskCard = (c: string) => `${c.slice(0, 4)}${'*'.repeat(Math.max(c.length - 8, 1))}${c.slice(-4)}`;

/** Classify one candidate string; null when it is none of the kinds. */
export function classifyCandidate(raw: string): { kind: FindingKind; preview: string } | null {
  const hasMask = raw.includes('*') || raw.includes('＊');
  if (hasMask) {
    const masks = countMasks(raw);
    if (raw.length === 18 && MASKED_ID.test(raw) && masks >= 4 && masks <= 14) return { kind: 'resident_id_masked', preview: raw };
    return null;
  }
  const grouped = raw.includes(' ') || raw.includes('-');
  const digits = grouped ? raw.replace(/[ -]/g, '') : raw;
  if (!grouped) {
    if (digits.length === 18) {
      const id = digits.toUpperCase();
      if (isValidResidentId(id)) return { kind: 'resident_id', preview: maskId(id) };
      // An ID-shaped number with a wrong check character is a mistyped ID, not a card.
      if (idShaped(id)) return null;
    }
    if (digits.length === 11) return MOBILE.test(digits) ? { kind: 'mobile', preview: maskMobile(digits) } : null;
  }
  if (digits.length >= 13 && digits.length <= 19 && /^[0-9]+$/.test(digits) && luhnValid(digits)) {
    return { kind: 'bank_card', preview: maskCard(digits) };
  }
  return null;
}

/** Every personal-data finding in the text, in order of offset. */
export function findPersonalData(text: string): TextFinding[] {
  const out: TextFinding[] = [];
  // One shared RegExp (synchronous use only): compiling one per call costs more than scanning a short line.
  const re = CANDIDATES;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const c = classifyCandidate(m[0]);
    if (c) out.push({ kind: c.kind, offset: m.index, length: m[0].length, preview: c.preview });
  }
  re.lastIndex = 0;
  return out;
}
