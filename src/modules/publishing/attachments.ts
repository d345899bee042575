import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import type { Actor } from '../../platform/actor.js';
import { withAudit } from '../../platform/audit/audit.js';
import { authorize } from '../../platform/auth/roles.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { detectFileType, extractSegments } from '../privacy/extract.js';
import { loadItemRow, pub, staffScope } from './items.js';
import type { PubTrx } from './tables.js';

/**
 * Attachments: accepted by what the bytes are, not by the name or the client's type; stored
 * under DATA_DIR/files (outside any web root) by content hash; text extracted for search.
 */
export const ATTACHMENT_ROLES = ['attachment', 'captions', 'image', 'video'] as const;

interface Sniffed {
  mime: string;
  ext: string;
  maxBytes: number;
  extractable: boolean;
}

const MB = 1024 * 1024;

export function sniff(buf: Buffer, filename: string): Sniffed | null {
  const head = buf.subarray(0, 16);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-')) return { mime: 'application/pdf', ext: 'pdf', maxBytes: 50 * MB, extractable: true };
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const t = detectFileType(buf);
    if (t === 'docx') return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', maxBytes: 50 * MB, extractable: true };
    if (t === 'xlsx') return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', maxBytes: 50 * MB, extractable: true };
    return null;
  }
  if (head[0] === 0x89 && ascii.slice(1, 4) === 'PNG') return { mime: 'image/png', ext: 'png', maxBytes: 20 * MB, extractable: false };
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg', maxBytes: 20 * MB, extractable: false };
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return { mime: 'image/gif', ext: 'gif', maxBytes: 20 * MB, extractable: false };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp', maxBytes: 20 * MB, extractable: false };
  if (ascii.slice(4, 8) === 'ftyp') return { mime: 'video/mp4', ext: 'mp4', maxBytes: 500 * MB, extractable: false };
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return { mime: 'video/webm', ext: 'webm', maxBytes: 500 * MB, extractable: false };
  // Captions (WebVTT / SRT) are plain UTF-8 text: check that it really is text.
  const text = buf.toString('utf8');
  if (/\.(vtt|srt)$/i.test(filename) && !text.includes('\uFFFD') && !/[\0-\x08\x0E-\x1F]/.test(text.slice(0, 4096))) {
    if (text.replace(/^\uFEFF/, '').startsWith('WEBVTT') || /^\d+\r?\n\d\d:\d\d:\d\d,\d{3} --> /m.test(text)) {
      return { mime: 'text/vtt; charset=utf-8', ext: filename.toLowerCase().endsWith('.srt') ? 'srt' : 'vtt', maxBytes: 2 * MB, extractable: false };
    }
  }
  return null;
}

export function storageRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

export interface AttachmentOut {
  id: number;
  itemId: number;
  filename: string;
  mime: string;
  size: number;
  role: string;
  createdAt: string;
}

function cleanName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\0-\x1f<>:"|?*]/g, '_').trim();
  return base.slice(-120) || 'file';
}

export async function addAttachment(
  db: Db,
  dataDir: string,
  actor: Actor,
  itemId: number,
  file: { filename: string; data: Buffer },
  role: (typeof ATTACHMENT_ROLES)[number],
): Promise<AttachmentOut> {
  const item = await loadItemRow(pub(db), itemId);
  authorize(actor, 'content.draft', item.unit_id);
  if (item.status !== 'draft') throw conflict('not_a_draft', '只有草稿可以添加附件');
  if (file.data.length === 0) throw badRequest('empty_file', '文件为空');
  const s = sniff(file.data, file.filename);
  if (!s) throw new AppError(415, 'unsupported_file', '不支持的文件类型：仅接受 PDF、Word(.docx)、Excel(.xlsx)、图片、视频（MP4/WebM）及字幕（.vtt/.srt），且按文件内容判断');
  if (file.data.length > s.maxBytes) throw new AppError(413, 'file_too_large', `文件过大：此类文件不超过 ${Math.round(s.maxBytes / MB)} MB`);
  if (role === 'captions' && !s.mime.startsWith('text/vtt')) throw badRequest('invalid_captions', '字幕文件须为 WebVTT 或 SRT 格式');
  let text = '';
  if (s.extractable) {
    try {
      text = (await extractSegments(file.data)).segments.map((x) => x.text).join('\n').slice(0, 2_000_000);
    } catch {
      throw badRequest('unreadable_file', '文件已损坏或无法读取');
    }
  }
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const rel = path.join(sha256.slice(0, 2), `${sha256}.${s.ext}`);
  const abs = path.join(storageRoot(dataDir), rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  if (!fs.existsSync(abs)) fs.writeFileSync(abs, file.data, { mode: 0o640 });
  const filename = cleanName(file.filename);
  const now = new Date().toISOString();
  const id = await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    const r = await trx.insertInto('attachments').values({ item_id: itemId, filename, mime: s.mime, size: file.data.length, sha256, storage_path: rel, text, role, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'content.attach', entityType: 'content_item', entityId: itemId, unitId: item.unit_id, summary: `为「${item.title}」添加附件 ${filename}（${s.mime}，${file.data.length} 字节）` });
    return r.id;
  });
  return { id, itemId, filename, mime: s.mime, size: file.data.length, role, createdAt: now };
}

export async function listAttachments(db: Db, itemId: number): Promise<AttachmentOut[]> {
  const rows = await pub(db).selectFrom('attachments').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, itemId: r.item_id, filename: r.filename, mime: r.mime, size: r.size, role: r.role, createdAt: r.created_at }));
}

export async function removeAttachment(db: Db, actor: Actor, id: number): Promise<void> {
  const a = await pub(db).selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('附件不存在');
  const item = await loadItemRow(pub(db), a.item_id);
  authorize(actor, 'content.draft', item.unit_id);
  if (item.status !== 'draft') throw conflict('not_a_draft', '只有草稿可以删除附件');
  await withAudit(db, actor, async (trx0, audit) => {
    const trx = trx0 as unknown as PubTrx;
    await trx.deleteFrom('attachments').where('id', '=', id).execute();
    await audit({ action: 'content.detach', entityType: 'content_item', entityId: item.id, unitId: item.unit_id, summary: `删除「${item.title}」的附件 ${a.filename}` });
  });
}

/** A file for download: anyone when its item is published; staff who may see the item otherwise. */
export async function openAttachment(db: Db, dataDir: string, id: number, actor: Actor | null) {
  const a = await pub(db).selectFrom('attachments').innerJoin('content_items', 'content_items.id', 'attachments.item_id')
    .select(['attachments.id', 'filename', 'mime', 'size', 'storage_path', 'status', 'unit_id']).where('attachments.id', '=', id).executeTakeFirst();
  if (!a) throw notFound('附件不存在');
  if (a.status !== 'published') {
    const scope = actor ? staffScope(actor) : { all: false as const, unitIds: [] };
    if (!scope.all && !scope.unitIds.includes(a.unit_id)) throw notFound('附件不存在');
  }
  const abs = path.join(storageRoot(dataDir), a.storage_path);
  if (!fs.existsSync(abs)) throw notFound('附件文件缺失');
  return { ...a, stream: fs.createReadStream(abs) };
}

/** Attachment text for the search index (published items only). */
export async function attachmentTexts(trx: PubTrx, itemId: number) {
  return trx.selectFrom('attachments').select(['id', 'filename', 'text']).where('item_id', '=', itemId).where('text', '!=', '').execute();
}
