import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', '不支持的请求内容类型'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', '请求内容过大'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', '请求体为空，应为 JSON'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', '请求体不是有效的 JSON'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_request', '请求长度不正确'],
  FST_ERR_VALIDATION: ['invalid_input', '请求参数不正确'],
};

/** `{"error":{"code","message"}}` for everything; 4xx for anything the caller did wrong, never 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return { field: field || err.validationContext || '', message: v.message ?? '' };
      });
      const first = issues[0];
      const where = first?.field ? `「${first.field}」` : '';
      return reply.code(400).send(body('invalid_input', `输入有误：${where}${first?.message ?? ''}`, { issues }));
    }
    if (err.statusCode === 429) return reply.code(429).send(body('rate_limited', '请求过于频繁，请稍后再试'));
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.code(err.statusCode && err.statusCode < 500 ? err.statusCode : 400).send(body(mapped[0], mapped[1]));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(body('bad_request', '请求无效'));
    }
    req.log.error({ err }, 'unhandled error');
    if (process.env.GONGKAI_DEBUG_500) console.error(err);
    return reply.code(500).send(body('internal_error', '服务器内部错误，请稍后再试'));
  });
}

export function body(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}
