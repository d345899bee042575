import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/errors.js';
import { getKbEntry, listKb, similarQuestions } from './kb.js';

const tags = ['consult'];
const Suggestion = z.object({ id: z.number(), subject: z.string(), question: z.string(), answer: z.string(), answeredOn: z.string(), url: z.string(), score: z.number() });
const KbEntry = z.object({ id: z.number(), subject: z.string(), question: z.string(), answer: z.string(), askedOn: z.string(), answeredOn: z.string(), url: z.string() });

/** Knowledge base, publishing and statistics routes. */
export const consultExtraRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/consult/kb/similar', {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '与所填问题相似的已公开问答（前 5 条）', querystring: z.object({ q: z.string().trim().min(1, '请输入问题').max(2000), limit: z.coerce.number().int().min(1).max(10).default(5) }), response: { 200: z.object({ items: z.array(Suggestion) }) } },
    }, async (req) => ({ items: await similarQuestions(db, req.query.q, req.query.limit) }));

    const toEntry = (r: NonNullable<Awaited<ReturnType<typeof getKbEntry>>>) => ({ id: r.id, subject: r.subject, question: r.question, answer: r.answer, askedOn: r.asked_on, answeredOn: r.answered_on, url: `/interact/consult/kb/${r.id}` });
    app.get('/consult/kb', {
      config: { access: 'public' },
      schema: { tags, summary: '政策问答库（已公开的问答，新在前）', querystring: z.object({ page: z.coerce.number().int().min(1).max(10000).default(1) }), response: { 200: z.object({ total: z.number(), items: z.array(KbEntry) }) } },
    }, async (req) => {
      const r = await listKb(db, req.query.page);
      return { total: r.total, items: r.items.map(toEntry) };
    });
    app.get('/consult/kb/:id', {
      config: { access: 'public' },
      schema: { tags, summary: '一条公开问答', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: KbEntry } },
    }, async (req) => {
      const r = await getKbEntry(db, req.params.id);
      if (!r) throw notFound('问答不存在或已撤回');
      return toEntry(r);
    });
  };
