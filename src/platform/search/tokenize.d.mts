export interface Dictionary {
  /** every prefix of 3+ characters of a dictionary word → whether it is a word itself */
  prefixes: Map<string, boolean>;
  /** bit set over two hashes of each word's first three characters (BMP words) */
  bloom: Uint8Array;
}
export interface SegmentedDocument {
  title: string;
  body: string;
  focus: string;
}
/** Since migration 0011: title tokens, title and body tokens together, focus tokens, title tokens not in the body (space-joined, distinct). */
export interface IndexedDocument {
  title: string;
  text: string;
  focus: string;
  titleOnly: string;
}
export function normalizeText(text: string): string;
export function buildDictionary(text: string | Uint8Array): Dictionary;
export function isDictionaryWord(dictionary: Dictionary, w: string): boolean;
export function indexTokens(dictionary: Dictionary, text: string): string[];
export function focusTokens(counts: Map<string, number>, textLength: number): string[];
export function segmentDocument(dictionary: Dictionary, title: string, body: string): SegmentedDocument;
export function indexDocument(dictionary: Dictionary, title: string, body: string): IndexedDocument;
export function tsvectorLiteral(tokens: string): string;
export function isHan(ch: string): boolean;
export function isAllHan(w: string): boolean;
export const TOKEN_RUNS: RegExp;
