import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';

/** Knowledge base, publishing and statistics routes (filled in by later steps). */
export const consultExtraRoutes =
  (_ctx: AppContext): FastifyPluginAsyncZod =>
  async () => {};
