import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { requireActor } from '../../platform/http/context.js';
import { FeeCollectionInput, FeeCollectionOut, feeCollections, recordFeeCollection } from './fees.js';

/** 行政事业性收费 amounts per unit and year, for section 二 of the annual report. */
export const feeRoutes =
  ({ db }: Pick<AppContext, 'db'>): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['lists'];
    app.get(
      '/fee-collections',
      {
        config: { access: 'user' },
        schema: { tags, summary: '各单位年度行政事业性收费金额（万元）：登记人员与年报编制人员可见本单位的', querystring: z.object({ year: z.coerce.number().int().min(2008).max(2100).optional() }), response: { 200: z.object({ items: z.array(FeeCollectionOut) }) } },
      },
      async (req) => ({ items: await feeCollections(db, requireActor(req), req.query) }),
    );
    app.put(
      '/fee-collections',
      { config: { access: 'user' }, schema: { tags, summary: '登记或更正某单位某年度的行政事业性收费金额（万元，精确到分）；写入审计日志', body: FeeCollectionInput, response: { 200: FeeCollectionOut } } },
      async (req) => recordFeeCollection(db, requireActor(req), req.body),
    );
  };
