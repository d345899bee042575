import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { badRequest } from '../errors.js';
import { search, type SearchQuery } from './index.js';

const FACET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** ?x=a&x=b or ?x=a,b → ['a', 'b'] */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).filter((x) => x !== '')), z.array(item).max(20, '同一参数最多 20 个值'));

/** Query string of GET /api/v1/search (facet filters as facet.<name>=value). */
export const SearchQuerySchema = z
  .object({
    q: z.string({ error: '请输入搜索词' }).trim().min(1, '请输入搜索词').max(100, '搜索词不能超过 100 个字'),
    kind: oneOrMany(z.string().trim().min(1).max(50, '内容类别过长')).optional(),
    unitId: oneOrMany(z.coerce.number({ error: '单位编号应为正整数' }).int('单位编号应为正整数').positive('单位编号应为正整数')).optional(),
    page: z.coerce.number({ error: '页码应为正整数' }).int('页码应为正整数').min(1, '页码应为正整数').max(100, '最多查看前 100 页').default(1),
    pageSize: z.coerce.number({ error: '每页条数应为 1–50' }).int('每页条数应为 1–50').min(1, '每页条数应为 1–50').max(50, '每页条数应为 1–50').default(10),
    facets: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}(,[A-Za-z][A-Za-z0-9_]{0,31}){0,9}$/, '分面名称不正确（逗号分隔，最多 10 个）')
      .optional()
      .describe('要统计的分面，如 kind,unitId,year'),
  })
  .catchall(z.union([z.string().max(100, '筛选值过长'), z.array(z.string().max(100)).max(1, '同一分面只能筛选一个值')]))
  .describe('facet.<名称>=值：按分面筛选（精确匹配）');

const HitSchema = z.object({
  key: z.string(),
  kind: z.string(),
  unitId: z.number().int().nullable(),
  title: z.string(),
  url: z.string(),
  publishedAt: z.string(),
  score: z.number(),
  snippet: z.string().describe('已转义的 HTML，命中词以 <mark> 标出'),
  titleHtml: z.string(),
});
export const SearchResultSchema = z.object({
  total: z.number().int(),
  hits: z.array(HitSchema),
  facets: z.record(z.string(), z.array(z.object({ value: z.string(), count: z.number().int() }))),
  tookMs: z.number(),
});

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);


/** Turns the validated query string into a SearchQuery (facet.<name> keys into facets). */
export function toSearchQuery(input: z.infer<typeof SearchQuerySchema>): SearchQuery {
  const facets: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!key.startsWith('facet.')) continue;
    const name = key.slice('facet.'.length);
    if (!FACET_NAME.test(name)) throw badRequest('invalid_facet', `分面名称「${name.slice(0, 32)}」不正确`);
    const v = list(value as string | string[])[0];
    if (v) facets[name] = v;
  }
  return {
    q: input.q,
    kinds: input.kind ?? [],
    unitIds: input.unitId ?? [],
    facets,
    page: input.page,
    pageSize: input.pageSize,
    facetFields: input.facets ? input.facets.split(',') : [],
  };
}

export const searchRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      {
        config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
        schema: {
          tags: ['search'],
          summary: '全文检索（公开）：所有词均须出现；标题匹配优先，其余按相关度与发布时间',
          querystring: SearchQuerySchema,
          response: { 200: SearchResultSchema },
        },
      },
      async (req) => search(db.kysely, db.dialect, toSearchQuery(req.query)),
    );
  };
