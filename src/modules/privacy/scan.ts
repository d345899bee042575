import fs from 'node:fs/promises';
import path from 'node:path';
import { findPersonalData, type FindingKind } from './detect.js';
import { describePlace, describePlaceZh, extractSegments, type FileType, type Place } from './extract.js';

/** A finding inside a file or an item: what, where (sheet/cell, page/line …, offset) and a masked preview. */
export interface Finding {
  kind: FindingKind;
  place: Place;
  /** offset inside the cell / line */
  offset: number;
  /** human-readable place, e.g. "sheet 花名册 cell B3 offset 0" */
  where: string;
  /** the place in Chinese, for people */
  whereZh: string;
  preview: string;
}

export interface FileScan {
  type: FileType;
  findings: Finding[];
}

/** Scan one file's bytes (any supported type, recognised by content). */
export async function scanBuffer(buf: Buffer): Promise<FileScan> {
  const { type, segments } = await extractSegments(buf);
  const findings: Finding[] = [];
  for (const seg of segments) {
    for (const f of findPersonalData(seg.text)) {
      findings.push({ kind: f.kind, place: seg.place, offset: f.offset, where: `${describePlace(seg.place)} offset ${f.offset}`, whereZh: describePlaceZh(seg.place, f.offset), preview: f.preview });
    }
  }
  return { type, findings };
}

/** Scan a text (e.g. an item's body): places are lines. */
export function scanText(text: string): Finding[] {
  const out: Finding[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    for (const f of findPersonalData(line)) {
      const place = { line: i + 1 };
      out.push({ kind: f.kind, place, offset: f.offset, where: `${describePlace(place)} offset ${f.offset}`, whereZh: describePlaceZh(place, f.offset), preview: f.preview });
    }
  });
  return out;
}

/** Files under the given paths (folders recursed, in name order). */
export async function* walkFiles(paths: string[]): AsyncGenerator<string> {
  for (const p of paths) {
    const st = await fs.stat(p);
    if (st.isDirectory()) {
      const entries = (await fs.readdir(p)).sort();
      yield* walkFiles(entries.map((e) => path.join(p, e)));
    } else if (st.isFile()) yield p;
  }
}

export interface PathFinding extends Finding {
  file: string;
}

/** Scan files and folders; unsupported files are reported through `onSkip`. */
export async function* scanPaths(paths: string[], onSkip: (file: string, reason: string) => void = () => {}): AsyncGenerator<PathFinding> {
  for await (const file of walkFiles(paths)) {
    let scan: FileScan;
    try {
      scan = await scanBuffer(await fs.readFile(file));
    } catch (err) {
      onSkip(file, `cannot read: ${(err as Error).message}`);
      continue;
    }
    if (scan.type === 'unsupported') onSkip(file, 'unsupported file type');
    for (const f of scan.findings) yield { file, ...f };
  }
}
