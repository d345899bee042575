import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { scanPaths } from './scan.js';
import { maskWorkbook } from './mask.js';

/**
 * `gongkai scan FILE…` — one JSON object per finding per line:
 * {"file","kind","where","preview"}. Folders are recursed; unreadable or unsupported files
 * are noted on stderr. Exit 0 (findings are output, not failure).
 */
export async function runScanCli(args: string[]): Promise<number> {
  if (!args.length) {
    console.error('usage: gongkai scan FILE|FOLDER…');
    return 2;
  }
  for await (const f of scanPaths(args, (file, reason) => console.error(`skip ${file}: ${reason}`))) {
    process.stdout.write(`${JSON.stringify({ file: f.file, kind: f.kind, where: f.where, preview: f.preview })}\n`);
  }
  return 0;
}

/** `gongkai mask IN.xlsx OUT.xlsx --columns 身份证号,姓名` — prints a JSON summary. */
export async function runMaskCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { columns: { type: 'string' } } });
  const [input, output] = positionals;
  const columns = (values.columns ?? '').split(/[,，]/).map((c) => c.trim()).filter(Boolean);
  if (!input || !output || !columns.length) {
    console.error('usage: gongkai mask IN.xlsx OUT.xlsx --columns 身份证号,姓名');
    return 2;
  }
  const result = await maskWorkbook(await fs.readFile(input), columns);
  await fs.writeFile(output, result.buffer);
  console.log(JSON.stringify({ output, maskedCells: result.maskedCells, columns: result.columns, missing: result.missing }));
  return result.missing.length ? 1 : 0;
}
