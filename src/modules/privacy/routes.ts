import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { authorize } from '../../platform/auth/roles.js';
import { badRequest } from '../../platform/errors.js';
import { FINDING_KINDS } from './detect.js';
import { detectFileType } from './extract.js';
import { maskWorkbook } from './mask.js';
import { scanBuffer } from './scan.js';
import { readUpload, registerUploads } from './upload.js';

const FindingSchema = z.object({ kind: z.enum(FINDING_KINDS as [string, ...string[]]), where: z.string(), offset: z.number().int(), preview: z.string() });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Back-office tools: scan an uploaded file, get a masked copy of an .xlsx list. */
export const privacyRoutes =
  (_ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await registerUploads(app);

    app.post(
      '/privacy/scan',
      {
        config: { access: 'user' },
        schema: {
          tags: ['privacy'],
          summary: '检测上传文件中的个人信息（身份证号、手机号、银行卡号、脱敏身份证号）；multipart 字段 file',
          consumes: ['multipart/form-data'],
          response: { 200: z.object({ type: z.string(), findings: z.array(FindingSchema) }) },
        },
      },
      async (req) => {
        authorize(requireActor(req), 'privacy.scan');
        const { buffer } = await readUpload(req);
        const scan = await scanBuffer(buffer);
        if (scan.type === 'unsupported') throw badRequest('unsupported_file', '不支持的文件类型（支持 .xlsx、.docx、.pdf、.csv、.txt）');
        return { type: scan.type, findings: scan.findings.map((f) => ({ kind: f.kind, where: f.where, offset: f.offset, preview: f.preview })) };
      },
    );

    app.post(
      '/privacy/mask',
      {
        config: { access: 'user' },
        schema: {
          tags: ['privacy'],
          summary: '生成 .xlsx 名单的脱敏副本（保留版式）；multipart 字段 file 和 columns（列名，逗号分隔）',
          consumes: ['multipart/form-data'],
        },
      },
      async (req, reply) => {
        authorize(requireActor(req), 'privacy.scan');
        const { buffer, filename, fields } = await readUpload(req);
        if (detectFileType(buffer) !== 'xlsx') throw badRequest('xlsx_required', '请上传 .xlsx 格式的名单');
        const columns = (fields.columns ?? '').split(/[,，、]/).map((c) => c.trim()).filter(Boolean);
        if (!columns.length) throw badRequest('columns_required', '请填写需要脱敏的列名，如：身份证号,姓名');
        const result = await maskWorkbook(buffer, columns);
        if (result.missing.length) throw badRequest('columns_not_found', `表格中没有这些列：${result.missing.join('、')}`);
        const base = (filename || 'list.xlsx').replace(/\.xlsx$/i, '');
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="masked.xlsx"; filename*=UTF-8''${encodeURIComponent(`${base}（脱敏）.xlsx`)}`)
          .header('x-masked-cells', String(result.maskedCells))
          .send(result.buffer);
      },
    );
  };
