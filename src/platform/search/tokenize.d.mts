export interface Segmenter {
  cut(sentence: string, hmm?: boolean | null): string[];
  cutAll(sentence: string): string[];
}
export interface SegmentedDocument {
  title: string;
  body: string;
  focus: string;
}
export function normalizeText(text: string): string;
export function indexTokens(jieba: Segmenter, text: string): string[];
export function focusTokens(counts: Map<string, number>, textLength: number): string[];
export function segmentDocument(jieba: Segmenter, title: string, body: string): SegmentedDocument;
export function isHan(ch: string): boolean;
export function isAllHan(w: string): boolean;
export const TOKEN_RUNS: RegExp;
