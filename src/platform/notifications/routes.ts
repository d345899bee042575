import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../http/context.js';
import { requireActor } from '../http/context.js';
import { listNotifications, markAllRead, markRead } from './notifications.js';

const NotificationSchema = z.object({ id: z.number(), title: z.string(), body: z.string(), link: z.string(), createdAt: z.string(), read: z.boolean() });
const tags = ['notifications'];

/** The signed-in user's in-app notifications (站内提醒). */
export const notificationRoutes =
  ({ db }: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/notifications', {
      config: { access: 'user' },
      schema: { tags, summary: '我的站内提醒（最新在前）及未读数', querystring: z.object({ unread: z.enum(['0', '1']).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }), response: { 200: z.object({ items: z.array(NotificationSchema), unread: z.number() }) } },
    }, async (req) => listNotifications(db, requireActor(req), { unreadOnly: req.query.unread === '1', limit: req.query.limit }));

    app.post('/notifications/:id/read', {
      config: { access: 'user' },
      schema: { tags, summary: '标记一条提醒为已读', params: z.object({ id: z.coerce.number().int().positive() }), response: { 204: z.null() } },
    }, async (req, reply) => {
      await markRead(db, requireActor(req), req.params.id);
      return reply.code(204).send(null);
    });

    app.post('/notifications/read-all', {
      config: { access: 'user' },
      schema: { tags, summary: '全部标记为已读', response: { 200: z.object({ marked: z.number() }) } },
    }, async (req) => ({ marked: await markAllRead(db, requireActor(req)) }));
  };
