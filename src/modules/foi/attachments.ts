import { createHash } from 'node:crypto';
import { badRequest } from '../../platform/errors.js';

/** Attachments to an application or a reply: small, of a few document types, content matching the name. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;
export const MAX_ATTACHMENTS = 3;

const TYPES: Record<string, { mime: string; sniff: (b: Buffer) => boolean }> = {
  pdf: { mime: 'application/pdf', sniff: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  jpg: { mime: 'image/jpeg', sniff: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mime: 'image/jpeg', sniff: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  png: { mime: 'image/png', sniff: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sniff: isOoxml },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sniff: isOoxml },
  txt: { mime: 'text/plain; charset=utf-8', sniff: isUtf8Text },
};
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

function isOoxml(b: Buffer): boolean {
  return b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes('[Content_Types].xml');
}

function isUtf8Text(b: Buffer): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

export interface CheckedFile {
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** Refuses empty, oversized and disguised files (content not matching the extension). */
export function checkAttachment(name: string, content: Buffer): CheckedFile {
  const clean = name.replace(/[\\/]/g, '_').replace(/[\u0000-\u001f]/g, '').trim().slice(-120);
  const ext = /\.([a-z0-9]+)$/i.exec(clean)?.[1]?.toLowerCase() ?? '';
  const type = TYPES[ext];
  if (!clean || !type) throw badRequest('attachment_type_not_allowed', `附件「${clean || '（无名称）'}」的类型不受支持，仅接受 ${ALLOWED_EXTENSIONS.join('、')} 文件`);
  if (content.length === 0) throw badRequest('attachment_empty', `附件「${clean}」是空文件`);
  if (content.length > MAX_ATTACHMENT_BYTES) throw badRequest('attachment_too_large', `附件「${clean}」超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (!type.sniff(content)) throw badRequest('attachment_disguised', `附件「${clean}」的内容与扩展名 .${ext} 不符`);
  return { name: clean, mime: type.mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
}
