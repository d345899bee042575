import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError, badRequest } from '../../platform/errors.js';

/** Upload limit for attachments and tables sent to the API. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Register multipart parsing inside a module's (encapsulated) route plugin. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 10_000 } });
}

export interface Upload {
  filename: string;
  buffer: Buffer;
  fields: Record<string, string>;
}

/** One file (field `file`) and the text fields of a multipart request; clear 4xx errors otherwise. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError(415, 'multipart_required', '请以 multipart/form-data 上传文件（字段名 file）');
  const fields: Record<string, string> = {};
  let file: { filename: string; buffer: Buffer } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file' && !file) file = { filename: part.filename, buffer };
      } else fields[part.fieldname] = String(part.value ?? '');
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'file_too_large', `文件过大，不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw badRequest('too_many_parts', '一次只能上传一个文件');
    throw badRequest('invalid_upload', '上传内容无法读取');
  }
  if (!file || file.buffer.length === 0) throw badRequest('file_required', '请选择要上传的文件');
  return { ...file, fields };
}
